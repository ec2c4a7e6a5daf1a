// Translation from English: a lesson's answers, given in English, to type in Polish. The tutor
// judges the Polish against every sentence the lesson accepts for it (its variants and
// synonyms) and explains each mistake as in the dialogue.

import { api } from "./api.js";
import { announce, clear, emphasised, h, sayable } from "./dom.js";
import { uiLang } from "./i18n.js";

const LABELS = {
  en: {
    title: "Translate into Polish",
    open: "Translate the sentences",
    lead: "Write each sentence of the lesson in Polish. Any way the lesson accepts counts.",
    of: (n, total) => `Sentence ${n} of ${total}`,
    answers: "It answers:",
    check: "Check",
    show: "Show the answer",
    next: "Next sentence",
    finish: "Finish",
    correct: "Correct!",
    accepted: "Right. Note how it is written:",
    almost: "Almost. Try again, or see the answer.",
    answer: "The answer:",
    also: "Also right:",
    empty: "Type the sentence in Polish first.",
    done: (right, total) => `Done: ${right} of ${total} right the first time.`,
    back: "Back to the lesson",
    yourAnswer: "Your Polish",
  },
  pl: {
    title: "Przetłumacz na polski",
    open: "Przetłumacz zdania",
    lead: "Napisz po polsku każde zdanie z lekcji. Liczy się każda wersja, którą lekcja dopuszcza.",
    of: (n, total) => `Zdanie ${n} z ${total}`,
    answers: "To odpowiedź na:",
    check: "Sprawdź",
    show: "Pokaż odpowiedź",
    next: "Następne zdanie",
    finish: "Koniec",
    correct: "Dobrze!",
    accepted: "Dobrze. Zobacz, jak to się pisze:",
    almost: "Prawie. Spróbuj jeszcze raz albo zobacz odpowiedź.",
    answer: "Odpowiedź:",
    also: "Też dobrze:",
    empty: "Najpierw wpisz zdanie po polsku.",
    done: (right, total) => `Gotowe: ${right} z ${total} dobrze za pierwszym razem.`,
    back: "Wróć do lekcji",
    yourAnswer: "Twoje zdanie po polsku",
  },
};

export function translationLabel(key) {
  return label(key);
}

function label(key) {
  return (LABELS[uiLang()] || LABELS.en)[key];
}

// The exercise for a lesson; onBack runs when the learner leaves it.
export function translationExercise(lesson, onBack) {
  const el = h("section", { class: "translation", "aria-labelledby": "translation-title" },
    h("h2", { id: "translation-title", tabindex: "-1" }, label("title")),
    h("p", { class: "muted" }, label("lead")));
  const stage = h("div", {}, h("p", { class: "loading-line" }, "…"));
  const back = h("button", { type: "button", class: "ghost", id: "translation-back" }, label("back"));
  back.addEventListener("click", () => onBack());
  el.append(stage, h("div", { class: "row" }, back));
  load(lesson, stage);
  return el;
}

async function load(lesson, stage) {
  let set;
  try {
    set = await api(`/lessons/${encodeURIComponent(lesson.id)}/translation`);
  } catch (error) {
    if (error.code !== "session_expired") clear(stage).append(h("p", { class: "form-error", role: "alert" }, error.message));
    return;
  }
  let index = 0;
  let right = 0;
  const next = () => {
    if (index >= set.items.length) {
      clear(stage).append(h("p", { class: "verdict ok", id: "translation-done" }, label("done")(right, set.items.length)));
      stage.closest(".translation")?.querySelector("#translation-back")?.focus();
      return;
    }
    showItem(stage, lesson, set.items[index], index, set.items.length, (firstTry) => {
      if (firstTry) right++;
      index++;
      next();
    });
  };
  next();
}

function showItem(stage, lesson, item, index, total, onNext) {
  const input = h("input", {
    id: "translation-answer", type: "text", lang: "pl", autocomplete: "off", spellcheck: "false",
    maxlength: "500", "aria-label": label("yourAnswer"),
  });
  const check = h("button", { type: "submit", class: "primary" }, label("check"));
  const show = h("button", { type: "button", class: "ghost" }, label("show"));
  const result = h("div", { class: "translation-feedback", "aria-live": "polite" });
  const next = h("button", { type: "button", class: "primary", id: "translation-next", hidden: true },
    index + 1 < total ? label("next") : label("finish"));
  const form = h("form", { class: "panel translation-item", novalidate: true },
    h("p", { class: "muted small", id: "translation-count" }, label("of")(index + 1, total)),
    h("p", { class: "english", lang: "en", id: "translation-english" }, item.english),
    h("p", { class: "muted small" }, label("answers"), " ", h("span", { lang: "pl" }, item.context_pl),
      " ", h("span", { lang: "en" }, `(${item.context_en})`)),
    h("div", { class: "input-row" }, input, check, show),
    result,
    next);
  clear(stage).append(form);
  input.focus();
  let tries = 0;
  let solved = false;

  const finish = () => {
    solved = true;
    check.disabled = show.disabled = input.disabled = true;
    next.hidden = false;
    next.focus();
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (solved) return;
    const typed = input.value.trim();
    if (!typed) {
      clear(result).append(h("p", { class: "form-error", role: "alert" }, label("empty")));
      input.focus();
      return;
    }
    check.disabled = true;
    let out;
    try {
      out = await api(`/lessons/${encodeURIComponent(lesson.id)}/translation/${item.step}`, {
        body: { answer: typed, explain_in: uiLang() },
      });
    } catch (error) {
      check.disabled = false;
      if (error.code !== "session_expired") clear(result).append(h("p", { class: "form-error", role: "alert" }, error.message));
      return;
    }
    tries++;
    check.disabled = false;
    const ok = out.verdict !== "incorrect";
    clear(result).append(
      h("p", { class: `verdict ${ok ? "ok" : "try"}` }, h("strong", {},
        out.verdict === "correct" ? label("correct") : ok ? label("accepted") : label("almost")),
      ok && out.issues.length ? [" ", sayable(out.expected)] : null),
      out.issues.length ? h("ol", { class: "issues" }, out.issues.map((issue) =>
        h("li", { lang: uiLang() }, emphasised(issue.explanation, { say: true })))) : null,
      ok ? alsoRight(out) : null);
    announce(ok ? label("correct") : label("almost"));
    if (ok) {
      onNextWhenPressed(next, () => onNext(tries === 1));
      finish();
    } else {
      input.focus();
      input.select();
    }
  });

  show.addEventListener("click", () => {
    // The answer: the lesson's own sentence for this English.
    const accepted = lesson.dialogue[item.step].answers[0];
    clear(result).append(h("p", { class: "expected" }, label("answer"), " ", sayable(accepted)));
    onNextWhenPressed(next, () => onNext(false));
    finish();
  });
}

function alsoRight(out) {
  const others = out.accepted.filter((sentence) => sentence !== out.expected);
  if (!others.length) return null;
  return h("p", { class: "muted small" }, label("also"), " ",
    others.map((sentence, i) => [i ? " · " : "", h("span", { lang: "pl" }, sentence)]));
}

function onNextWhenPressed(button, fn) {
  button.onclick = () => {
    button.onclick = null;
    fn();
  };
}
