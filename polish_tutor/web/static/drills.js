// Practice beyond the dialogue: today's review (due cards typed in Polish, mixed with drills
// on weak cells), form drills aimed at the weakest cells, and listening (hear, then type or
// say it: the microphone of speech.js). Every answer is judged by the server's language engine
// (POST /drills/...).

import { api } from "./api.js";
import { audioUrl, play } from "./audio.js";
import { clear, emphasised, h, icon, panel } from "./dom.js";
import { t, uiLang } from "./i18n.js";
import { heardLines, microphone, replayButton } from "./speech.js";

const VERDICTS = {
  correct: ["Right!", "ok"],
  acceptable: ["Right, but mind the Polish letters.", "almost"],
  incorrect: ["Not quite.", "wrong"],
};
const RATING_NAMES = { again: "again soon", hard: "hard", good: "good", easy: "easy" };

function heading(text, sub) {
  document.title = `${text} · Patient Polish Tutor`;
  return h("div", { class: "view-head" },
    h("h1", { tabindex: "-1", class: "view-title" }, text),
    h("p", { class: "lead" }, sub));
}

function failure(error) {
  return h("p", { class: "form-error", role: "alert" }, error.message || "Something went wrong.");
}

// The verdict, the expected sentence and each issue's explanation. A spoken answer the tutor
// could not judge (words not clear, or another sentence heard) asks to say it again: the
// answer stays hidden, so the learner can.
function feedback(result, extra = null) {
  const again = result.heard?.say_again;
  const [text, tone] = again ? [`${t("sayAgain")}. ${t("recordingUnclear")}`, "almost"]
    : VERDICTS[result.verdict] || VERDICTS.incorrect;
  return h("div", { class: `drill-feedback ${tone}`, role: "status" },
    h("p", { class: "verdict" }, text),
    result.verdict === "correct" || again ? null :
      h("p", { class: "expected" }, "Answer: ", h("strong", { lang: "pl" }, result.expected)),
    result.issues.length ?
      h("ul", { class: "issues" }, result.issues.map((issue) => h("li", {}, emphasised(issue.explanation)))) : null,
    extra);
}

function answerForm(id, label, { before = "", after = "" } = {}) {
  const input = h("input", {
    id, type: "text", lang: "pl", autocomplete: "off", autocapitalize: "off", spellcheck: "false",
    "aria-label": label,
  });
  const check = h("button", { type: "submit", class: "primary" }, "Check");
  const form = h("form", { class: "drill-form" },
    before ? h("span", { class: "frame", lang: "pl" }, before) : null,
    input,
    after && after !== "." ? h("span", { class: "frame", lang: "pl" }, after) : null,
    check);
  return { form, input, check };
}

// One drill: the instruction, the frame with a gap, a hint on demand; `done` after an answer.
function drillCard(drill, { onAnswered = () => {} } = {}) {
  const { form, input, check } = answerForm("drill-answer", "The missing words", drill);
  const hint = h("p", { class: "hint muted", hidden: true }, emphasised(drill.hint));
  const hintButton = h("button", { type: "button", class: "tool" }, icon("hint"), "Hint");
  hintButton.addEventListener("click", () => { hint.hidden = false; });
  const result = h("div", { class: "drill-result" });
  const card = h("article", { class: "drill", dataset: { cell: drill.cell.label } },
    h("p", { class: "cell-tag muted small" }, drill.cell.label),
    h("p", { class: "instruction" }, emphasised(drill.instruction)),
    drill.gloss ? h("p", { class: "muted small" }, `(${drill.gloss})`) : null,
    form,
    h("div", { class: "row" }, hintButton),
    hint,
    result);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!input.value.trim()) return;
    check.disabled = true;
    try {
      const judged = await api("/drills/answer", {
        body: { token: drill.token, answer: input.value, explain_in: uiLang() },
      });
      clear(result).append(feedback(judged));
      onAnswered(judged);
    } catch (error) {
      clear(result).append(failure(error));
    } finally {
      check.disabled = false;
    }
  });
  return { card, input };
}

// One due card: its English, the Polish typed; the verdict rates it for FSRS.
function reviewCard(card, { onAnswered = () => {} } = {}) {
  const { form, input, check } = answerForm("card-answer", `The Polish for ${card.en}`);
  const result = h("div", { class: "drill-result" });
  const el = h("article", { class: "drill review-card" },
    h("p", { class: "cell-tag muted small" }, "Word from your lessons"),
    h("p", { class: "instruction" }, "Type the Polish for ", h("strong", { lang: "en" }, card.en)),
    form,
    result);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!input.value.trim()) return;
    check.disabled = true;
    try {
      const judged = await api(`/drills/daily/cards/${card.card_id}`, {
        body: { answer: input.value, explain_in: uiLang() },
      });
      clear(result).append(feedback(judged,
        h("p", { class: "muted small rating" }, `Rated ${RATING_NAMES[judged.rating] || judged.rating}.`)));
      input.disabled = true;
      check.hidden = true;
      onAnswered(judged);
    } catch (error) {
      clear(result).append(failure(error));
    } finally {
      check.disabled = false;
    }
  });
  return { card: el, input };
}

// Items one after another, a "Next" button after each answer.
function runItems(stage, items, render, onDone) {
  let index = 0;
  const counter = h("p", { class: "muted small", role: "status" });
  function show() {
    if (index >= items.length) {
      onDone();
      return;
    }
    counter.textContent = `${index + 1} of ${items.length}`;
    const next = h("button", { type: "button", class: "ghost", id: "drill-next" }, index + 1 < items.length ? "Next" : "Finish");
    next.addEventListener("click", () => { index += 1; show(); });
    const { card, input } = render(items[index], { onAnswered: () => { next.hidden = false; } });
    next.hidden = true;
    clear(stage).append(counter, card, h("p", {}, next));
    input.focus();
  }
  show();
}

function aimedLine(cells) {
  if (!cells.length) return null;
  return h("p", { class: "aimed" }, "Aimed at your weakest: ",
    cells.map((cell, i) => [i ? ", " : "", h("strong", {}, cell.label)]));
}

// ---- the three parts -----------------------------------------------------------------------

async function daily(stage) {
  clear(stage).append(h("p", { class: "loading-line" }, "Loading today's review…"));
  let session;
  try {
    session = await api(`/drills/daily?cards=10&drills=4&explain_in=${uiLang()}`);
  } catch (error) {
    clear(stage).append(failure(error));
    return;
  }
  const intro = h("div", {},
    h("p", {}, session.due_cards ?
      `${session.due_cards} word${session.due_cards === 1 ? "" : "s"} due, with drills on what you find hard.` :
      "No words are due. Here are drills on what you find hard."),
    aimedLine(session.aimed_at));
  const items = h("div", { class: "drill-stage" });
  clear(stage).append(intro, items);
  runItems(items, session.items,
    (item, options) => item.kind === "card" ? reviewCard(item.card, options) : drillCard(item.drill, options),
    () => clear(items).append(panel("Done for today — dobra robota!",
      "Come back tomorrow: the words you missed come back first.")));
}

async function drills(stage) {
  clear(stage).append(h("p", { class: "loading-line" }, "Making drills…"));
  let set;
  try {
    set = await api(`/drills?count=6&explain_in=${uiLang()}`);
  } catch (error) {
    clear(stage).append(failure(error));
    return;
  }
  const items = h("div", { class: "drill-stage" });
  const more = h("button", { type: "button", class: "ghost" }, "More drills");
  more.addEventListener("click", () => drills(stage));
  clear(stage).append(aimedLine(set.aimed_at), items);
  if (!set.drills.length) {
    items.append(panel("Nothing to drill yet", "Drills are made from the words of your lessons. Start a lesson first."));
    return;
  }
  runItems(items, set.drills, drillCard,
    () => clear(items).append(panel("Set done", "Every set is new: the drills never run out.", h("p", {}, more))));
}

// Each word typed (or said) otherwise than it was said; a word the recogniser did not hear
// clearly is "not clear", not a mistake.
function misheardList(judged) {
  if (!judged.misheard.length) return null;
  const unclear = new Set(judged.heard?.unclear || []);
  const by = judged.heard ? "You said " : "You typed ";
  return h("ul", { class: "misheard" }, judged.misheard.map((m) => h("li", {},
    m.heard && unclear.has(m.heard) ? [h("em", { lang: "pl", class: "unclear" }, m.heard), `: ${t("notClear")}`] :
      m.heard && m.said ? [by, h("em", { lang: "pl" }, m.heard), " — it was ", h("em", { lang: "pl" }, m.said)] :
        m.said ? ["You missed ", h("em", { lang: "pl" }, m.said)] :
          ["Not said: ", h("em", { lang: "pl" }, m.heard)])));
}

async function listening(stage) {
  clear(stage).append(h("p", { class: "loading-line" }, "Finding a sentence…"));
  let item;
  try {
    item = await api("/drills/listening", { method: "POST", body: {} });
  } catch (error) {
    clear(stage).append(failure(error));
    return;
  }
  const listen = h("button", { type: "button", class: "primary", id: "listen" }, icon("play"), "Listen");
  const slower = h("button", { type: "button", class: "tool" }, icon("repeat"), "Again");
  const note = h("p", { class: "muted small", role: "status" });
  async function hear(button) {
    button.classList.add("loading");
    try {
      await play(await audioUrl(item.audio_job_id), button);
      note.textContent = "";
    } catch (error) {
      note.textContent = error.message;
    } finally {
      button.classList.remove("loading");
    }
  }
  listen.addEventListener("click", () => hear(listen));
  slower.addEventListener("click", () => hear(slower));
  const { form, input, check } = answerForm("listening-answer", "What you heard");
  const result = h("div", { class: "drill-result" });
  const next = h("button", { type: "button", class: "ghost", hidden: true }, "Another sentence");
  next.addEventListener("click", () => listening(stage));
  // Or say it: the item's token tells the server the sentence to expect (the recogniser's
  // prompt) without telling the page; what the tutor heard is the answer.
  const mic = microphone({
    context: () => ({ listeningToken: item.token }),
    onHeard: (heard) => {
      input.value = heard.transcript.trim();
      judge(heard);
    },
    onNote: (text, warn) => {
      note.textContent = text;
      note.classList.toggle("warn", Boolean(warn));
    },
    busy: () => check.disabled,
  });
  input.after(mic.el);
  // spoken: what the microphone heard ({transcript, words, recording}); null when typed
  async function judge(spoken = null) {
    if (!input.value.trim()) return;
    check.disabled = true;
    const body = { token: item.token, answer: input.value, explain_in: uiLang() };
    if (spoken) Object.assign(body, { input: "speech", words: spoken.words || [] });
    try {
      const judged = await api("/drills/listening/answer", { body });
      note.textContent = "";
      clear(result).append(feedback(judged, [
        judged.heard ? heardLines(judged, { expected: false, marked: true }) : null,
        judged.heard?.say_again ? null : misheardList(judged),
        spoken?.recording ? h("div", { class: "row" }, replayButton(spoken.recording)) : null,
      ]));
      if (!judged.heard?.say_again) next.hidden = false;
    } catch (error) {
      clear(result).append(failure(error));
    } finally {
      check.disabled = false;
    }
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    judge();
  });
  clear(stage).append(h("article", { class: "drill listening" },
    h("p", { class: "instruction" }, `Listen, then type or say what you hear (${item.words} words).`),
    h("div", { class: "row" }, listen, slower),
    note,
    form,
    result,
    h("p", {}, next)));
  listen.focus();
}

const PARTS = [
  ["daily", "Today's review", daily],
  ["drills", "Drills", drills],
  ["listening", "Listening", listening],
];

export async function showPractice(main) {
  let stage = h("div", { class: "practice-stage" });
  const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": "Practice" });
  function open(name) {
    for (const button of tabs.children) button.setAttribute("aria-selected", String(button.dataset.part === name));
    // A fresh stage for each part: a part still loading writes into its own, now detached.
    const fresh = h("div", { class: "practice-stage" });
    stage.replaceWith(fresh);
    stage = fresh;
    const part = PARTS.find(([key]) => key === name);
    part[2](fresh);
  }
  for (const [name, label] of PARTS) {
    const tab = h("button", { type: "button", class: "tab", role: "tab", dataset: { part: name } }, label);
    tab.addEventListener("click", () => open(name));
    tabs.append(tab);
  }
  clear(main).append(
    heading("Practice", "Words due today typed in Polish, drills on what you find hard, and listening."),
    tabs, stage);
  open("daily");
}
