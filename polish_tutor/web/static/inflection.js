// Declension and conjugation tables in the chat: when the learner asks "odmień kawa" (or
// "decline kawa"), the tutor's reply gets the whole table from GET /language/inflect/{word},
// drawn as real tables (one per section: present, past, cases …).

import { api } from "./api.js";
import { h } from "./dom.js";

// The same questions as polish_tutor/ai_agent/word_questions.py (_DECLINE).
const DECLINE = /^\s*(?:odmień|odmien|decline|conjugate)\s+["'«„]?([^\s"'»”?]+)["'»”]?\s*\??\s*$/iu;

export function declinedWord(message) {
  const match = DECLINE.exec(message || "");
  return match ? match[1] : null;
}

const RARE_TITLES = new Set(["Rare and dated forms", "Formy rzadkie i dawne"]);

// One section (present tense, declension …) as a table; in the rare forms' table only the
// first column holds Polish forms (the second says how they are used).
function section(s, captionId) {
  const rare = RARE_TITLES.has(s.title);
  return h("table", { class: `grid inflection-table${rare ? " rare" : ""}`, "aria-labelledby": captionId },
    h("caption", { id: captionId }, s.title),
    h("thead", {}, h("tr", {}, h("td", {}), s.columns.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, s.rows.map((row) => h("tr", {},
      h("th", { scope: "row" }, row.label),
      row.cells.map((cell, i) => h("td", rare && i > 0 ? {} : { lang: "pl" }, cell ?? "–"))))));
}

export function inflectionTables(table) {
  const id = `inflection-${Math.random().toString(36).slice(2, 9)}`;
  return h("div", { class: "inflection", role: "group", "aria-label": `${table.lemma}, ${table.part_of_speech}` },
    h("p", { class: "inflection-head" }, h("strong", { lang: "pl" }, table.lemma), ` · ${table.part_of_speech}`),
    table.sections.map((s, i) => section(s, `${id}-${i}`)));
}

// Adds the table to a tutor's reply (its bubble) when the learner's message asked for one;
// a word the engine does not know gets no table (the reply already says so).
export async function attachInflection(turnEl, message, explainIn) {
  const word = declinedWord(message);
  if (!word || !turnEl) return;
  const lang = explainIn === "pl" ? "pl" : "en";
  try {
    const table = await api(`/language/inflect/${encodeURIComponent(word)}?explain_in=${lang}`);
    const bubble = turnEl.querySelector(".bubble");
    if (!bubble) return;
    bubble.append(inflectionTables(table));
    // a reply that is the first table written out in a line gives way to the table
    const text = bubble.querySelector(".reply");
    if (text && text.textContent.includes(`— ${table.sections[0]?.title} (`)) text.hidden = true;
  } catch {
    // the reply's text stands on its own
  }
}
