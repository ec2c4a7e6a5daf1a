// The placement quiz: 10 to 15 sentences from the course, each with one word to put in the
// right form; each answer chooses the next sentence, and the end says where to start. The
// lessons before that one count as known on the lessons page (they stay open to practise).

import { api } from "./api.js";
import { openLesson } from "./chat.js";
import { announce, clear, h, sayable } from "./dom.js";
import { uiLang } from "./i18n.js";

const LABELS = {
  en: {
    title: "Placement quiz",
    lead: "Already know some Polish? Fill in 10 to 15 short sentences, from easy to harder, and the tutor suggests where to start. Lessons before that one are marked as known.",
    loading: "Loading…",
    fresh: "Your result",
    last: "Your last result",
    score: (right, all) => `You got ${right} of ${all} right.`,
    startWith: "Start with",
    known: (n) => `The ${n} lesson${n === 1 ? "" : "s"} before it ${n === 1 ? "is" : "are"} marked as known. You can still practise ${n === 1 ? "it" : "them"} any time.`,
    noneKnown: "Every lesson is open to you; the first one is a good place to begin.",
    open: (title) => `Open: ${title}`,
    all: "All lessons",
    again: "Take the quiz again",
    begin: "Begin the quiz",
    blank: (lemma) => `The missing word: a form of ${lemma}`,
    check: "Check",
    skip: "I don't know",
    count: (n, level, max) => `Sentence ${n} (${level}) · at most ${max}`,
    tutor: "The tutor: ",
    next: "Next sentence",
    result: "See where to start",
    right: "Right.",
    wrong: "Not quite.",
    skipped: "That's fine.",
    word: "The word: ",
    wordIs: (word) => `The word is ${word}.`,
    empty: "Type the missing word, or press \u201cI don't know\u201d.",
  },
  pl: {
    title: "Test poziomujący",
    lead: "Znasz już trochę polskiego? Uzupełnij od 10 do 15 krótkich zdań, od łatwych do trudniejszych, a nauczyciel podpowie, od której lekcji zacząć. Lekcje przed nią zostaną oznaczone jako znane.",
    loading: "Ładowanie…",
    fresh: "Twój wynik",
    last: "Twój ostatni wynik",
    score: (right, all) => `Dobre odpowiedzi: ${right} z ${all}.`,
    startWith: "Zacznij od lekcji",
    known: (n) => `Lekcje przed nią (${n}) są oznaczone jako znane. Możesz je ćwiczyć w każdej chwili.`,
    noneKnown: "Wszystkie lekcje są dla ciebie otwarte; najlepiej zacząć od pierwszej.",
    open: (title) => `Otwórz: ${title}`,
    all: "Wszystkie lekcje",
    again: "Zrób test jeszcze raz",
    begin: "Zacznij test",
    blank: (lemma) => `Brakujące słowo: forma wyrazu ${lemma}`,
    check: "Sprawdź",
    skip: "Nie wiem",
    count: (n, level, max) => `Zdanie ${n} (${level}) · najwyżej ${max}`,
    tutor: "Nauczyciel: ",
    next: "Następne zdanie",
    result: "Zobacz, od czego zacząć",
    right: "Dobrze.",
    wrong: "Nie całkiem.",
    skipped: "Nic nie szkodzi.",
    word: "Brakujące słowo: ",
    wordIs: (word) => `To słowo: ${word}.`,
    empty: "Wpisz brakujące słowo albo naciśnij \u201eNie wiem\u201d.",
  },
};

function L(key) {
  return (LABELS[uiLang()] || LABELS.en)[key];
}

// The learner's latest placement (GET /placement), for the lessons page; null when none or
// when the server has no placement quiz.
export async function placementResult() {
  try {
    return (await api("/placement")).result || null;
  } catch (error) {
    if (error.code === "session_expired") throw error;
    return null;
  }
}

function heading(main) {
  document.title = `${L("title")} · Patient Polish Tutor`;
  main.append(h("div", { class: "view-head", lang: uiLang() },
    h("h1", { tabindex: "-1", class: "view-title" }, L("title")),
    h("p", { class: "lead" }, L("lead"))));
}

function resultPanel(result, { fresh }) {
  const known = result.known_lessons.length;
  return h("section", { class: "panel placement-result", id: "placement-result", "aria-live": "polite", lang: uiLang() },
    h("h2", {}, fresh ? L("fresh") : L("last")),
    h("p", {}, L("score")(result.right, result.answered)),
    h("p", {}, L("startWith"), " ", h("strong", { lang: "en" }, result.suggested_title), ` (${result.level}).`),
    h("p", { class: "muted" }, known ? L("known")(known) : L("noneKnown")),
    h("div", { class: "row" },
      h("button", {
        type: "button", class: "primary", id: "placement-open",
        onclick: () => openLesson(result.suggested_lesson_id),
      }, L("open")(result.suggested_title)),
      h("a", { href: "#/lessons", class: "button ghost" }, L("all"))));
}

export async function showPlacement(main) {
  clear(main);
  heading(main);
  const stage = h("div", { class: "placement" }, h("p", { class: "loading-line" }, L("loading")));
  main.append(stage);
  let latest;
  try {
    latest = await placementResult();
  } catch {
    return;
  }
  const begin = h("button", { type: "button", class: "primary", id: "placement-begin" },
    latest ? L("again") : L("begin"));
  clear(stage).append(
    latest ? resultPanel(latest, { fresh: false }) : null,
    h("p", {}, begin));
  begin.addEventListener("click", () => run(stage));
  begin.focus();
}

async function run(stage) {
  clear(stage).append(h("p", { class: "loading-line" }, L("loading")));
  let started;
  try {
    started = await api("/placement", { method: "POST", body: {} });
  } catch (error) {
    if (error.code !== "session_expired") clear(stage).append(h("p", { class: "form-error", role: "alert" }, error.message));
    return;
  }
  showItem(stage, started.quiz_id, started.item, started.max_items);
}

function showItem(stage, quizId, item, maxItems) {
  const input = h("input", {
    id: "placement-answer", type: "text", lang: "pl", autocomplete: "off", spellcheck: "false",
    autocapitalize: "off", maxlength: "100", "aria-label": L("blank")(item.lemma),
  });
  const check = h("button", { type: "submit", class: "primary" }, L("check"));
  const skip = h("button", { type: "button", class: "ghost", id: "placement-skip" }, L("skip"));
  const error = h("p", { class: "form-error", role: "alert" });
  const result = h("div", { class: "placement-feedback", "aria-live": "polite" });
  const form = h("form", { class: "panel placement-item", novalidate: true, lang: uiLang() },
    h("p", { class: "muted small", id: "placement-count" }, L("count")(item.number, item.level, maxItems)),
    h("p", {}, h("span", { class: "muted" }, L("tutor")), h("span", { lang: "pl" }, item.context_pl),
      h("span", { class: "muted", lang: "en" }, ` (${item.context_en})`)),
    h("p", { class: "sentence", lang: "pl" }, item.before, input, item.after, " ",
      h("span", { class: "lemma" }, `(${item.lemma})`)),
    h("p", { class: "muted" }, h("span", { lang: "en", id: "placement-english" }, item.english)),
    h("div", { class: "row" }, check, skip),
    error,
    result);
  clear(stage).append(form);
  input.focus();

  async function send(answer) {
    check.disabled = skip.disabled = input.disabled = true;
    error.textContent = "";
    let out;
    try {
      out = await api(`/placement/${encodeURIComponent(quizId)}/answers`, {
        body: { number: item.number, answer, explain_in: uiLang() },
      });
    } catch (failure) {
      check.disabled = skip.disabled = input.disabled = false;
      if (failure.code !== "session_expired") error.textContent = failure.message;
      return;
    }
    const next = h("button", { type: "button", class: "primary", id: "placement-next" },
      out.next ? L("next") : L("result"));
    clear(result).append(
      h("p", { class: `verdict ${out.right ? "ok" : "try"}` },
        h("strong", {}, out.right ? L("right") : answer ? L("wrong") : L("skipped")),
        " ", h("span", { lang: "pl" }, sayable(out.sentence))),
      !out.right ? h("p", { class: "muted" }, L("word"), h("strong", { lang: "pl" }, out.expected)) : null,
      h("div", { class: "row" }, next));
    announce(out.right ? L("right") : L("wordIs")(out.expected));
    next.addEventListener("click", () => {
      if (out.next) showItem(stage, quizId, out.next, maxItems);
      else {
        clear(stage).append(resultPanel(out.result, { fresh: true }));
        stage.querySelector("#placement-open").focus();
      }
    });
    next.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = input.value.trim();
    if (!typed) {
      error.textContent = L("empty");
      input.focus();
      return;
    }
    send(typed);
  });
  skip.addEventListener("click", () => send(null));
}
