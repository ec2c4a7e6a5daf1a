// The placement quiz: 10 to 15 sentences from the course, each with one word to put in the
// right form; each answer chooses the next sentence, and the end says where to start. The
// lessons before that one count as known on the lessons page (they stay open to practise).

import { api } from "./api.js";
import { openLesson } from "./chat.js";
import { announce, clear, h, sayable } from "./dom.js";
import { uiLang } from "./i18n.js";

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
  document.title = "Placement quiz · Patient Polish Tutor";
  main.append(h("div", { class: "view-head" },
    h("h1", { tabindex: "-1", class: "view-title" }, "Placement quiz"),
    h("p", { class: "lead" }, "Already know some Polish? Fill in 10 to 15 short sentences, from easy to harder, and the tutor suggests where to start. Lessons before that one are marked as known.")));
}

function resultPanel(result, { fresh }) {
  const known = result.known_lessons.length;
  return h("section", { class: "panel placement-result", id: "placement-result", "aria-live": "polite" },
    h("h2", {}, fresh ? "Your result" : "Your last result"),
    h("p", {}, `You got ${result.right} of ${result.answered} right.`),
    h("p", {}, "Start with ", h("strong", {}, result.suggested_title), ` (${result.level}).`),
    h("p", { class: "muted" }, known ?
      `The ${known} lesson${known === 1 ? "" : "s"} before it ${known === 1 ? "is" : "are"} marked as known. You can still practise ${known === 1 ? "it" : "them"} any time.` :
      "Every lesson is open to you; the first one is a good place to begin."),
    h("div", { class: "row" },
      h("button", {
        type: "button", class: "primary", id: "placement-open",
        onclick: () => openLesson(result.suggested_lesson_id),
      }, `Open: ${result.suggested_title}`),
      h("a", { href: "#/lessons", class: "button ghost" }, "All lessons")));
}

export async function showPlacement(main) {
  clear(main);
  heading(main);
  const stage = h("div", { class: "placement" }, h("p", { class: "loading-line" }, "Loading…"));
  main.append(stage);
  let latest;
  try {
    latest = await placementResult();
  } catch {
    return;
  }
  const begin = h("button", { type: "button", class: "primary", id: "placement-begin" },
    latest ? "Take the quiz again" : "Begin the quiz");
  clear(stage).append(
    latest ? resultPanel(latest, { fresh: false }) : null,
    h("p", {}, begin));
  begin.addEventListener("click", () => run(stage));
  begin.focus();
}

async function run(stage) {
  clear(stage).append(h("p", { class: "loading-line" }, "Loading…"));
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
    autocapitalize: "off", maxlength: "100", "aria-label": `The missing word: a form of ${item.lemma}`,
  });
  const check = h("button", { type: "submit", class: "primary" }, "Check");
  const skip = h("button", { type: "button", class: "ghost", id: "placement-skip" }, "I don't know");
  const error = h("p", { class: "form-error", role: "alert" });
  const result = h("div", { class: "placement-feedback", "aria-live": "polite" });
  const form = h("form", { class: "panel placement-item", novalidate: true },
    h("p", { class: "muted small", id: "placement-count" }, `Sentence ${item.number} (${item.level}) · at most ${maxItems}`),
    h("p", {}, h("span", { class: "muted" }, "The tutor: "), h("span", { lang: "pl" }, item.context_pl),
      h("span", { class: "muted" }, ` (${item.context_en})`)),
    h("p", { class: "sentence", lang: "pl" }, item.before, input, item.after, " ",
      h("span", { class: "lemma" }, `(${item.lemma})`)),
    h("p", { class: "muted" }, h("span", { lang: "en" }, item.english)),
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
      out.next ? "Next sentence" : "See where to start");
    clear(result).append(
      h("p", { class: `verdict ${out.right ? "ok" : "try"}` },
        h("strong", {}, out.right ? "Right." : answer ? "Not quite." : "That's fine."),
        " ", h("span", { lang: "pl" }, sayable(out.sentence))),
      !out.right ? h("p", { class: "muted" }, "The word: ", h("strong", { lang: "pl" }, out.expected)) : null,
      h("div", { class: "row" }, next));
    announce(out.right ? "Right." : `The word is ${out.expected}.`);
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
      error.textContent = "Type the missing word, or press \u201cI don't know\u201d.";
      input.focus();
      return;
    }
    send(typed);
  });
  skip.addEventListener("click", () => send(null));
}
