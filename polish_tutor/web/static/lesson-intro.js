// Teach before testing: a lesson opens with its goals, its words (each one playable) and its
// grammar note with the table, then "Start". The grammar note stays reachable during the
// lesson through a button that opens it in a dialog.

import { speak } from "./audio.js";
import { h, icon } from "./dom.js";
import { uiLang } from "./i18n.js";

const LABELS = {
  en: {
    goals: "In this lesson you will",
    words: "Words",
    grammar: "Grammar",
    start: "Start the lesson",
    translate: "Translate its sentences first",
    startNote: "The tutor waits for you and explains every mistake.",
    hear: (word) => `Hear ${word}`,
    close: "Close",
    grammarButton: "Grammar note",
  },
  pl: {
    goals: "W tej lekcji",
    words: "Słówka",
    grammar: "Gramatyka",
    start: "Zacznij lekcję",
    translate: "Najpierw przetłumacz zdania z lekcji",
    startNote: "Nauczyciel czeka na ciebie i wyjaśnia każdy błąd.",
    hear: (word) => `Posłuchaj: ${word}`,
    close: "Zamknij",
    grammarButton: "Gramatyka",
  },
};

export function introLabel(key) {
  return (LABELS[uiLang()] || LABELS.en)[key];
}

export function hasGrammar(lesson) {
  return Boolean(lesson && (lesson.grammar || lesson.grammar_pl || lesson.grammar_table));
}

// The grammar note (in Polish when the learner chose Polish explanations and the lesson has
// one) and its table.
export function grammarNote(lesson) {
  const pl = uiLang() === "pl" && lesson.grammar_pl;
  const text = pl ? lesson.grammar_pl : lesson.grammar || lesson.grammar_pl;
  const table = lesson.grammar_table;
  return h("div", { class: "grammar-note" },
    text ? String(text).trim().split(/\n\s*\n/).map((para) =>
      h("p", { lang: pl || !lesson.grammar ? "pl" : "en" }, para.replace(/\s*\n\s*/g, " "))) : null,
    // A wide table scrolls sideways on its own on a small screen, not the page.
    table ? h("div", { class: "table-scroll" }, h("table", { class: "grammar-table" },
      h("caption", {}, table.title),
      h("thead", {}, h("tr", {}, table.columns.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, table.rows.map((row) => h("tr", {}, row.map((c) => h("td", {}, c))))))) : null);
}

function wordRow(item) {
  const hear = h("button", {
    type: "button", class: "tool hear-word", "aria-label": introLabel("hear")(item.pl), dataset: { word: item.pl },
  }, icon("play"));
  hear.addEventListener("click", () => speak(item.pl, { button: hear }).catch(() => {}));
  return h("li", {}, hear, " ", h("span", { class: "word-pl", lang: "pl" }, item.pl), " ",
    h("span", { class: "muted word-en", lang: "en" }, item.en));
}

// The lesson's opening page; onStart runs when the learner presses "Start", onTranslate when
// they choose to translate the lesson's sentences first.
export function lessonIntro(lesson, onStart, onTranslate = null) {
  const start = h("button", { type: "button", class: "primary", id: "lesson-start" }, introLabel("start"));
  const translate = onTranslate
    ? h("button", { type: "button", class: "ghost", id: "lesson-translate", onclick: () => onTranslate() }, introLabel("translate"))
    : null;
  const el = h("section", { class: "lesson-intro", "aria-labelledby": "intro-goals" },
    h("p", { class: "muted" }, lesson.description),
    h("h2", { id: "intro-goals" }, introLabel("goals")),
    h("ul", { class: "goals" }, lesson.goals.map((goal) => h("li", {}, goal))),
    lesson.vocabulary?.length ? [
      h("h2", {}, introLabel("words")),
      h("ul", { class: "vocabulary" }, lesson.vocabulary.map(wordRow)),
    ] : null,
    hasGrammar(lesson) ? [h("h2", {}, introLabel("grammar")), grammarNote(lesson)] : null,
    h("div", { class: "row intro-start" }, start, translate, h("span", { class: "muted small" }, introLabel("startNote"))));
  start.addEventListener("click", () => {
    start.disabled = true;
    onStart();
  });
  return el;
}

let dialog = null;

// Open the lesson's grammar note over the chat (Escape or "Close" shuts it).
export function openGrammar(lesson) {
  dialog?.remove();
  const close = h("button", { type: "button", class: "ghost" }, introLabel("close"));
  dialog = h("dialog", { class: "grammar-dialog", "aria-labelledby": "grammar-title" },
    h("h2", { id: "grammar-title" }, `${introLabel("grammar")}: ${lesson.title}`),
    grammarNote(lesson),
    h("div", { class: "row" }, close));
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    dialog?.remove();
    dialog = null;
    document.getElementById("grammar-open")?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}
