// The chat: the tutor's lines (Polish, English on demand, audio), the learner's answers with
// the feedback drawn on their own words, the Polish letters bar and the hint/repeat/skip buttons.

import { api, ApiError, apiStream } from "./api.js";
import { audioUrl, autoplayEnabled, play, playToEnd, speak } from "./audio.js";
import { clear, emphasised, h, icon, sayable, sleep, splitWords, uuid } from "./dom.js";
import { t, uiLang } from "./i18n.js";
import { attachInflection } from "./inflection.js";
import { hasGrammar, introLabel, lessonIntro, openGrammar } from "./lesson-intro.js";
import { heardLines, microphone, replayButton, unclearWord } from "./speech.js";
import { foldEvent, playQueue, remainingAudio, streamedTurn } from "./stream.js";
import { translationExercise, translationLabel } from "./translation.js";

const STORE = "tutor.chat";
export const OPENER = "Zaczynamy!"; // opens a lesson; never one of a lesson's answers
const LETTERS = ["ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż"];
const COMMANDS = {
  pomoc: "pomoc", help: "pomoc", "?": "pomoc", podpowiedź: "pomoc", hint: "pomoc",
  powtórz: "powtórz", powtorz: "powtórz", repeat: "powtórz",
  dalej: "dalej", skip: "dalej", pomiń: "dalej", pomin: "dalej",
};
const SLOWER = 0.75;

const state = {
  sessionId: null,
  lessonId: null,
  lesson: null, // the full lesson (GET /lessons/{id}), for glosses and steps
  completed: false,
  sending: false,
  latestTutor: null,
  speaking: null, // the latest reply's sentences playing one after the other (playQueue)
  progress: null, // the server's {step, steps_total, completed} after the latest turn
};
let lessonList = []; // GET /lessons, in curriculum order (for "next lesson")
let view = null; // the chat's DOM, built once and kept across route changes
let prefsProvider = () => ({});
let onNavigate = () => {};

export function configureChat({ prefs, navigate }) {
  prefsProvider = prefs;
  onNavigate = navigate;
}

export function setLessonList(list) {
  lessonList = list;
}

export function savedChat() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) || "null");
  } catch {
    return null;
  }
}

function persist() {
  sessionStorage.setItem(
    STORE,
    JSON.stringify({ sessionId: state.sessionId, lessonId: state.lessonId }),
  );
}

export function forgetChat() {
  sessionStorage.removeItem(STORE);
  if (view) view.form.hidden = false;
  Object.assign(state, {
    sessionId: null, lessonId: null, lesson: null, completed: false, latestTutor: null, progress: null,
  });
  if (view) clear(view.transcript);
}

export function hasChat() {
  return Boolean(state.sessionId || state.lessonId || savedChat());
}

function command(message) {
  const key = message.trim().toLocaleLowerCase("pl").replace(/[.!]+$/, "");
  return COMMANDS[key] || null;
}

// The English of a lesson line: the server says which step a fresh line is (lesson.step); a stored
// turn's step is found from its text.
function gloss(line, step = null) {
  if (!state.lesson) return null;
  const index = step ?? stepOf(line);
  return index >= 0 ? state.lesson.dialogue[index]?.gloss ?? null : null;
}

// The words of a line without "(byłaś)"-style alternatives, in lower case.
function lineWords(text) {
  return splitWords(text.replace(/\s*\([^()]*\)/g, ""))
    .filter((p) => p.index >= 0)
    .map((p) => p.word.toLocaleLowerCase("pl"));
}

// The step a stored line the tutor said belongs to. The line is said to this learner, so it may differ
// from the lesson's text in the gendered words: "Byłaś w domu?" or "Byłeś (byłaś) w domu?" for
// "Byłeś w domu?". Those differ in their endings only, so the words must match up to an ending.
function stepOf(line) {
  if (!state.lesson || !line) return -1;
  const steps = state.lesson.dialogue;
  const exact = steps.findIndex((s) => s.tutor === line);
  if (exact >= 0) return exact;
  const said = lineWords(line);
  return steps.findIndex((s) => {
    const words = lineWords(s.tutor);
    return words.length === said.length && words.some((w, i) => w === said[i])
      && words.every((w, i) => w === said[i] || (w.slice(0, 3) === said[i].slice(0, 3) && Math.abs(w.length - said[i].length) <= 3));
  });
}

// ---- building the view -------------------------------------------------------------------

function build() {
  const input = h("input", {
    id: "answer",
    type: "text",
    lang: "pl",
    autocomplete: "off",
    autocapitalize: "sentences",
    spellcheck: "false",
    enterkeyhint: "send",
    maxlength: "2000",
    placeholder: "Napisz po polsku…",
    "aria-describedby": "composer-note",
  });
  const sendButton = h("button", { type: "submit", class: "primary send" });
  // Say the answer instead (speech.js): the lesson line's answer is the recogniser's prompt.
  const mic = microphone({
    context: () => ({ sessionId: state.sessionId }),
    onHeard: (heard) => submit(heard.transcript, { spoken: heard }),
    onNote: (text, warn) => setNote(text, warn),
    busy: () => state.sending || state.completed,
  });
  const letters = h(
    "div",
    { class: "letters", role: "group" },
    LETTERS.map((letter) =>
      h("button", {
        type: "button",
        class: "letter",
        lang: "pl",
        dataset: { letter },
      }, letter),
    ),
  );
  // Each helper: its label in the learner's language, and in English mode the Polish command
  // that does the same when typed.
  const helper = (cmd, iconName) => h("button", { type: "button", dataset: { cmd } },
    icon(iconName), h("span", { class: "cmd-label" }), " ", h("span", { class: "pl-cmd", lang: "pl" }, cmd));
  const helpers = h(
    "div",
    { class: "helpers", role: "group" },
    helper("pomoc", "hint"),
    helper("powtórz", "repeat"),
    helper("dalej", "skip"),
  );
  const note = h("p", { class: "composer-note", id: "composer-note", role: "status" });
  const answerLabel = h("label", { for: "answer", class: "visually-hidden" });
  const form = h("form", { class: "composer", id: "composer", novalidate: true },
    answerLabel,
    h("div", { class: "input-row" }, input, mic.el, sendButton),
    letters,
    helpers,
    note,
  );
  const title = h("h1", { id: "chat-title", tabindex: "-1" });
  const eyebrow = h("p", { class: "eyebrow", id: "chat-eyebrow" }, "");
  const bar = h("progress", { id: "chat-steps", max: "1", value: "0" });
  const stepsLabel = h("span", { class: "steps-label", id: "chat-steps-label" }, "");
  const transcript = h("div", {
    class: "transcript",
    id: "transcript",
    role: "log",
    "aria-live": "polite",
    tabindex: "-1",
  });
  const allLessons = h("a", { href: "#/lessons", class: "button ghost small" });
  // The lesson's grammar note, reachable at any moment of the lesson.
  const grammarButton = h("button", { type: "button", class: "ghost small", id: "grammar-open", hidden: true });
  grammarButton.addEventListener("click", () => state.lesson && openGrammar(state.lesson));
  const root = h("section", { class: "chat", "aria-labelledby": "chat-title" },
    h("div", { class: "chat-head" },
      h("div", { class: "chat-title" }, eyebrow, title),
      h("div", { class: "chat-steps" }, bar, stepsLabel),
      grammarButton,
      allLessons,
    ),
    transcript,
    form,
  );

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const message = input.value.trim();
    if (message) submit(message);
  });
  letters.addEventListener("mousedown", (event) => event.preventDefault()); // keep the caret
  letters.addEventListener("click", (event) => {
    const button = event.target.closest("[data-letter]");
    if (!button) return;
    const letter = event.shiftKey ? button.dataset.letter.toLocaleUpperCase("pl") : button.dataset.letter;
    insertAtCaret(input, letter);
  });
  helpers.addEventListener("click", (event) => {
    const button = event.target.closest("[data-cmd]");
    if (button) submit(button.dataset.cmd, { fromButton: true });
  });
  transcript.addEventListener("click", onTranscriptClick);

  view = {
    root, input, sendButton, form, helpers, note, title, eyebrow, bar, stepsLabel, transcript, mic,
    letters, answerLabel, allLessons, grammarButton,
  };
  relabel();
}

// The chat's own labels in the learner's language (English, or Polish in Polish mode); called
// when the view is built and when the learner changes the language of the explanations.
export function relabel() {
  if (!view) return;
  const lang = uiLang();
  view.root.lang = lang;
  view.sendButton.textContent = t("send");
  view.answerLabel.textContent = t("answerLabel");
  view.letters.setAttribute("aria-label", t("letters"));
  for (const button of view.letters.querySelectorAll("[data-letter]")) {
    button.setAttribute("aria-label", t("insert", button.dataset.letter));
  }
  view.helpers.setAttribute("aria-label", t("askTutor"));
  const helperWords = { pomoc: "hint", "powtórz": "repeat", dalej: "skip" };
  for (const button of view.helpers.querySelectorAll("[data-cmd]")) {
    const key = helperWords[button.dataset.cmd];
    button.title = t(`${key}Title`);
    button.querySelector(".cmd-label").textContent = t(key);
    button.querySelector(".pl-cmd").hidden = lang === "pl"; // "Powtórz powtórz" says nothing
  }
  view.bar.setAttribute("aria-label", t("lessonProgress"));
  view.transcript.setAttribute("aria-label", t("conversation"));
  view.allLessons.textContent = t("allLessons");
  view.grammarButton.textContent = introLabel("grammarButton");
  view.mic.relabel?.();
  if (!view.note.classList.contains("warn")) view.note.textContent = t("noLetters");
  view.input.placeholder = state.completed ? t("completePlaceholder") : "Napisz po polsku…";
  if (view.root.isConnected) {
    updateHead();
    updateSteps(state.progress);
  }
}

function insertAtCaret(input, text) {
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  input.setRangeText(text, start, end, "end");
  input.focus();
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

async function onTranscriptClick(event) {
  const word = event.target.closest(".w");
  if (word) {
    word.classList.add("speaking");
    try {
      await speak(word.dataset.say);
    } catch (error) {
      setNote(error.message, true);
    } finally {
      word.classList.remove("speaking");
    }
  }
}

function setNote(text, warn = false) {
  view.note.textContent = text;
  view.note.classList.toggle("warn", warn);
}

function updateHead() {
  const lesson = state.lesson;
  view.title.textContent = lesson ? lesson.title : t("freePractice");
  view.eyebrow.textContent = lesson ? t("lessonNumber", lesson.level, lesson.order) : t("noLesson");
  view.helpers.hidden = !lesson;
  view.grammarButton.hidden = !hasGrammar(lesson);
  view.bar.parentElement.hidden = !lesson;
  document.title = `${lesson ? lesson.title : t("freePractice")} · Patient Polish Tutor`;
}

// The progress bar from what the server says: {step (the line answered next, from 0),
// steps_total, completed}; nothing is guessed from the lines' text.
function updateSteps(progress) {
  state.progress = progress;
  if (!state.lesson || !progress) return;
  const total = progress.steps_total;
  const done = progress.completed ? total : Math.min(progress.step, total);
  view.bar.max = total;
  view.bar.value = done;
  view.stepsLabel.textContent = progress.completed ? t("lessonComplete") : t("lineOf", done + 1, total);
  view.bar.setAttribute("aria-valuetext", view.stepsLabel.textContent);
}

function scrollDown() {
  const box = view.transcript;
  requestAnimationFrame(() => { box.scrollTop = box.scrollHeight; });
}

// ---- turns ---------------------------------------------------------------------------------

function learnerTurn(message, { pending = false, spoken = null } = {}) {
  const cmd = command(message);
  if (message === OPENER) {
    const el = h("p", { class: "divider" }, h("span", {}, t(state.lessonId ? "lessonStarted" : "practiceStarted")));
    view.transcript.append(el);
    return { el, setFeedback() {}, fail() { el.remove(); } };
  }
  const said = h("p", { class: "said", lang: "pl" }, message);
  const slot = cmd ? null : h("div", { class: `feedback${pending ? " pending" : ""}` },
    pending ? h("span", { class: "checking" }, t("checking")) : null);
  // A spoken answer can be played back beside the tutor's audio (the recording stays in this tab).
  const replay = spoken?.recording ? replayButton(spoken.recording) : null;
  const el = h("article", { class: `turn learner${cmd ? " command" : ""}${spoken ? " spoken" : ""}`, "aria-label": spoken ? t("youSaidSpoken") : t("youSaid") },
    h("div", { class: "bubble" }, said, replay ? h("div", { class: "tools" }, replay) : null, slot));
  view.transcript.append(el);
  return {
    el,
    setFeedback(feedback) {
      if (!slot) return;
      slot.classList.remove("pending");
      clear(slot);
      if (!feedback) {
        slot.remove();
        return;
      }
      clear(said).append(...markedSentence(message, feedback));
      slot.append(...feedbackBody(feedback));
    },
    fail() { el.remove(); },
  };
}

function issueLabel(issue) {
  if (issue.type === "inflection") return t("feature")[issue.feature] || t("wordForm");
  return t("issue")[issue.type] || t("note");
}

// The learner's sentence with each wrong word marked and its correction beside it.
function markedSentence(message, feedback) {
  const issues = (feedback.issues || []).map((issue, n) => ({ ...issue, n: n + 1 }));
  const parts = splitWords(message);
  const words = parts.filter((p) => p.index >= 0);
  const byIndex = new Map();
  for (const issue of issues) {
    if (!issue.got) continue;
    let index = issue.position;
    const fits = (i) => words[i] && words[i].word.toLocaleLowerCase("pl") === issue.got.toLocaleLowerCase("pl");
    if (index === null || index === undefined || !fits(index)) {
      index = words.findIndex((w, i) => fits(i) && !byIndex.has(i));
    }
    if (index < 0) continue;
    if (!byIndex.has(index)) byIndex.set(index, []);
    byIndex.get(index).push(issue);
  }
  return parts.map((part) => {
    const found = part.index >= 0 ? byIndex.get(part.index) : null;
    if (!found) return unclearWord(part, feedback);
    const main = found[0];
    const fix = found.map((i) => i.expected).find(Boolean);
    const refs = found.map((i) => i.n).join(",");
    const kind = main.type === "inflection" ? "inflection" : main.type;
    const describe = fix ? t("shouldBe", part.text, fix) : `${part.text}, ${issueLabel(main).toLocaleLowerCase()}`;
    return h("span", { class: `mistake t-${kind}`, "aria-label": describe, title: describe },
      h("mark", { class: main.type === "extra_word" ? "got extra" : "got" }, part.text),
      fix && main.type !== "word_order" ? h("ins", { class: "fix" }, h("span", { class: "visually-hidden" }, " → "), fix) : null,
      h("sup", { "aria-hidden": "true" }, refs),
    );
  });
}

// explainIn: the language the feedback's explanations were written in (the learner's choice).
function feedbackBody(feedback, explainIn = uiLang()) {
  const issues = feedback.issues || [];
  const verdicts = {
    correct: ["ok", t("correct"), ""],
    acceptable: ["ok", t("accepted"), !issues.length ? t("rightAnswer")
      : state.lessonId ? t("rightAnswerWritten") : t("howWritten")],
    incorrect: ["try", t("almost"), t("fixTogether")],
  };
  const [tone, label, sub] = feedback.heard?.say_again
    ? ["try", t("sayAgain"), t("recordingUnclear")]
    : verdicts[feedback.verdict] || ["try", t("note"), ""];
  const out = [h("p", { class: `verdict ${tone}` }, h("strong", {}, label), sub ? ` ${sub}` : "")];
  if (feedback.heard) out.push(...heardLines(feedback));
  if (issues.length) {
    out.push(h("ol", { class: "issues" }, issues.map((issue) =>
      h("li", {},
        h("span", { class: `tag t-${issue.type}` }, issueLabel(issue)),
        " ",
        h("span", { class: "explanation", lang: explainIn === "pl" ? "pl" : "en" }, emphasised(issue.explanation, { say: true })),
      ),
    )));
  }
  if (feedback.verdict === "acceptable" && feedback.expected) {
    out.push(h("p", { class: "expected" }, t("written"), sayable(feedback.expected)));
  }
  return out;
}

function avatar() {
  return h("div", { class: "avatar", "aria-hidden": "true" },
    h("img", { src: "/static/icon.svg", alt: "", width: "30", height: "30" }));
}

// The reply's text without the explanations already drawn on the learner's sentence (they are
// not said twice). With parts (the server's text in pieces with their language), each piece is
// in an element with its lang: Polish is sayable (click a word to hear it), English is plain
// text, never clickable and never spoken in the Polish voice. Without parts (older turns, LLM
// drivers), the whole text is sayable, as it always was. → {nodes, spoken}
function replyBody(turn, feedback) {
  const drawn = (feedback?.issues || []).map((issue) => issue.explanation).filter(Boolean);
  const trimmed = (text) => {
    let out = String(text || "");
    for (const explanation of drawn) out = out.replace(explanation, "");
    return out.replace(/\s{2,}/g, " ").trim();
  };
  if (!Array.isArray(turn.parts)) {
    const text = trimmed(turn.text);
    return { nodes: text ? [sayable(text.replace(/\*/g, ""))] : [], spoken: text };
  }
  const nodes = [];
  const polish = [];
  for (const part of turn.parts) {
    const text = trimmed(part.text);
    if (!text) continue;
    if (nodes.length) nodes.push(" ");
    if (part.lang === "pl") {
      const plain = text.replace(/\*/g, "");
      nodes.push(sayable(plain));
      polish.push(plain);
    } else {
      // *Polish words* in an English sentence are marked as Polish, but are not sayable here.
      nodes.push(h("span", { class: "part-other", lang: part.lang || "en" }, emphasised(text)));
    }
  }
  return { nodes, spoken: polish.join(" ") };
}

function tutorTurn(turn, { fresh = false, feedback = null, speaking = null } = {}) {
  const { nodes, spoken: replySpoken } = replyBody(turn, feedback);
  const line = turn.next_dialogue;
  const step = turn.lesson && !turn.lesson.completed ? turn.lesson.step : null;
  const glossText = line ? gloss(line, step) : null;
  const glossId = `gloss-${uuid()}`;
  const spoken = line || replySpoken;
  const playButton = h("button", {
    type: "button", class: "tool play", "aria-label": t("playReply"),
  }, icon("play"), t("play"));
  const slowButton = spoken ? h("button", {
    type: "button", class: "tool slow", "aria-label": t("playSlower"),
  }, icon("slow"), t("slower")) : null;
  const glossButton = glossText
    ? h("button", {
      type: "button", class: "tool gloss-toggle", "aria-expanded": "false", "aria-controls": glossId,
    }, h("span", { class: "en", "aria-hidden": "true" }, "EN"), t("english"))
    : null;
  const glossEl = glossText ? h("p", { class: "gloss", id: glossId, lang: "en", hidden: true }, glossText) : null;
  const el = h("article", { class: "turn tutor", "aria-label": t("tutor") },
    avatar(),
    h("div", { class: "bubble" },
      nodes.length ? h("p", { class: "reply" }, nodes) : null,
      line ? h("p", { class: "line" }, sayable(line)) : null,
      glossEl,
      turn.audio_job_id || line ? h("div", { class: "tools" }, playButton, slowButton, glossButton) : null,
    ),
  );
  view.transcript.append(el);

  const id = turn.audio_job_id;
  const parts = Array.isArray(turn.audio_parts) && turn.audio_parts.length ? turn.audio_parts : null;
  playButton.addEventListener("click", async () => {
    try {
      if (parts) {
        state.speaking?.stop();
        state.speaking = playQueue((part) => playToEnd(part, playButton));
        for (const part of parts) state.speaking.add(part);
      } else if (id) await play(await audioUrl(id), playButton);
      else await speak(spoken, { button: playButton });
    } catch (error) {
      setNote(error.message, true);
    }
  });
  slowButton?.addEventListener("click", async () => {
    try {
      await speak(spoken, { speed: SLOWER, button: slowButton });
    } catch (error) {
      setNote(error.message, true);
    }
  });
  glossButton?.addEventListener("click", () => {
    const open = glossEl.hidden;
    glossEl.hidden = !open;
    glossButton.setAttribute("aria-expanded", String(open));
  });

  if (fresh && speaking) {
    // A streamed reply: its first sentences are playing (or queued) already; the rest follow.
    state.latestTutor = el;
    for (const part of speaking.rest) speaking.queue?.add(part);
  } else if (fresh && id) {
    state.latestTutor = el;
    playButton.classList.add("loading");
    audioUrl(id)
      .then((url) => {
        playButton.classList.remove("loading");
        if (autoplayEnabled() && state.latestTutor === el) play(url, playButton);
      })
      .catch(() => playButton.classList.remove("loading"));
  }
  return el;
}

function completedPanel() {
  const lessons = lessonList;
  const index = lessons.findIndex((l) => l.id === state.lessonId);
  const next = index >= 0 ? lessons[index + 1] : null;
  const el = h("div", { class: "complete" },
    h("p", { class: "complete-title" }, icon("check"), t("completeTitle")),
    h("div", { class: "row" },
      next ? h("button", { type: "button", class: "primary", onclick: () => openLesson(next.id) }, t("next", next.title)) : null,
      h("a", { href: "#/lessons", class: "button ghost" }, t("allLessons")),
      h("a", { href: "#/review", class: "button ghost" }, t("reviewWords")),
      h("button", { type: "button", class: "ghost", id: "complete-translate", onclick: () => translateAfter(el) }, translationLabel("open")),
    ),
  );
  view.transcript.append(el);
}

// The lesson's sentences to translate from English, after the lesson.
function translateAfter(panel) {
  const exercise = translationExercise(state.lesson, () => {
    exercise.remove();
    panel.hidden = false;
  });
  panel.hidden = true;
  panel.after(exercise);
  scrollDown();
}

function setCompleted(done) {
  state.completed = done;
  view.input.disabled = done;
  view.sendButton.disabled = done;
  for (const b of view.helpers.querySelectorAll("button")) b.disabled = done;
  view.mic.setDisabled(done);
  view.input.placeholder = done ? t("completePlaceholder") : "Napisz po polsku…";
}

// ---- talking to the tutor ------------------------------------------------------------------

// POST /chat/stream: the reply's words into `live` as they come, its sentences' audio as each
// is asked for; resolves with the turn (the /chat response). The same Idempotency-Key on every
// retry: the server never stores the turn twice.
async function postTurn(body, live) {
  const key = uuid();
  for (let attempt = 0; ; attempt++) {
    const streamed = streamedTurn();
    live.reset();
    try {
      await apiStream("/chat/stream", { body, headers: { "Idempotency-Key": key } }, (name, data) => {
        const before = streamed.audio.length;
        foldEvent(streamed, name, data);
        if (name === "text") live.text(streamed.text);
        if (streamed.audio.length > before) live.audio(streamed.audio[before]);
      });
      if (streamed.error) throw streamed.error;
      if (!streamed.turn) throw new ApiError(0, "network", "The tutor cannot be reached. Check your connection.");
      return { out: streamed.turn, rest: remainingAudio(streamed) };
    } catch (error) {
      const retryable = error.status === 0 || (error.status === 409 && error.code === "session_busy");
      if (!retryable || attempt >= 2) throw error;
      await sleep(800 * (attempt + 1));
    }
  }
}

// The tutor's reply while it streams: its words in the "typing" bubble, its sentences played
// in order as their audio becomes ready (if autoplay is on).
function liveReply(typing) {
  const bubble = typing.querySelector(".bubble");
  state.speaking?.stop();
  const queue = autoplayEnabled() ? playQueue((id) => playToEnd(id)) : null;
  state.speaking = queue;
  return {
    queue,
    reset() {
      typing.classList.remove("streaming");
      clear(bubble);
      bubble.append(h("span", { class: "dots" }, "…"));
    },
    text(text) {
      if (!typing.classList.contains("streaming")) typing.classList.add("streaming");
      clear(bubble);
      bubble.append(h("p", { class: "reply streamed", lang: "pl" }, text));
      scrollDown();
    },
    audio(id) {
      queue?.add(id);
    },
  };
}

async function submit(message, { fromButton = false, spoken = null } = {}) {
  if (state.sending || state.completed) return;
  state.sending = true;
  view.form.setAttribute("aria-busy", "true");
  view.sendButton.disabled = true;
  const typed = view.input.value;
  if (!fromButton && !spoken) view.input.value = "";
  const learner = learnerTurn(message, { pending: true, spoken });
  const typing = h("div", { class: "turn tutor typing", "aria-hidden": "true" },
    avatar(), h("div", { class: "bubble" }, h("span", { class: "dots" }, "…")));
  view.transcript.append(typing);
  scrollDown();
  const body = { message, prefs: prefsProvider() };
  if (state.sessionId) body.session_id = state.sessionId;
  else if (state.lessonId) body.lesson_id = state.lessonId;
  if (spoken) Object.assign(body, { input: "speech", speech_job_id: spoken.speech_job_id });
  const live = liveReply(typing);
  try {
    const { out, rest } = await postTurn(body, live);
    typing.remove();
    state.sessionId = out.session_id;
    persist();
    learner.setFeedback(out.feedback);
    const speaking = out.audio_parts ? { queue: live.queue, rest } : null;
    if (!speaking) live.queue?.stop();
    const reply = tutorTurn(out, { fresh: true, feedback: out.feedback, speaking });
    attachInflection(reply, message, body.prefs.explain_in).then(scrollDown);
    updateSteps(out.lesson);
    if (out.lesson?.completed) {
      setCompleted(true);
      completedPanel();
    }
    setNote(t("noLetters"));
  } catch (error) {
    live.queue?.stop();
    typing.remove();
    learner.fail();
    if (!fromButton && !view.input.value) view.input.value = typed;
    if (error.code === "session_expired") return;
    let text = error.message;
    if (error.status === 429) text = t("slowDown", error.retryAfter);
    else if (error.status === 0) text = t("unreachable");
    else if (error.status === 404 && state.sessionId) {
      text = t("conversationGone");
      forgetChat();
    }
    setNote(text, true);
  } finally {
    state.sending = false;
    view.form.removeAttribute("aria-busy");
    view.sendButton.disabled = state.completed;
    scrollDown();
    if (!state.completed) view.input.focus();
  }
}

async function loadLesson(lessonId) {
  state.lesson = lessonId ? await api(`/lessons/${encodeURIComponent(lessonId)}`) : null;
  if (lessonId && !lessonList.length) lessonList = await api("/lessons").catch(() => []);
}

// Start a lesson (or resume its unfinished session) and show the chat.
export async function openLesson(lessonId, { resumeSessionId = null } = {}) {
  if (!view) build();
  forgetChat();
  state.lessonId = lessonId;
  state.sessionId = resumeSessionId;
  persist();
  onNavigate("chat");
}

// Show the chat for the saved session (after a reload) or the current one.
export async function showChat(main) {
  if (!view) build();
  clear(main).append(view.root);
  const saved = savedChat();
  const fresh = !view.transcript.firstChild;
  if (fresh && saved) {
    state.sessionId = saved.sessionId;
    state.lessonId = saved.lessonId;
  }
  if (fresh) {
    setCompleted(false);
    view.transcript.append(h("p", { class: "loading-line" }, t("loading")));
    try {
      await loadLesson(state.lessonId);
      clear(view.transcript);
      updateHead();
      if (state.sessionId) await restore();
      else if (state.lesson) showIntro(); // the lesson's goals, words and grammar, then "Start"
      else await submit(OPENER, { fromButton: true }); // free practice's first question
    } catch (error) {
      clear(view.transcript);
      if (error.code === "session_expired") return;
      if (error.status === 404) {
        forgetChat();
        view.transcript.append(h("p", { class: "loading-line" }, t("conversationMissing")));
      } else {
        view.transcript.append(h("p", { class: "loading-line warn" }, error.message));
      }
    }
  } else {
    updateHead();
  }
  if (view.form.hidden) {
    view.title.focus();
    return;
  }
  scrollDown();
  if (!state.completed) view.input.focus();
  else view.title.focus();
}

// A new lesson opens with what it teaches; the composer comes with "Start".
function showIntro() {
  view.form.hidden = true;
  const lessonId = state.lessonId;
  const intro = lessonIntro(state.lesson, async () => {
    if (state.lessonId !== lessonId) return;
    intro.remove();
    view.form.hidden = false;
    await submit(OPENER, { fromButton: true });
  }, () => {
    // Translation first; "Back to the lesson" returns to this page.
    const exercise = translationExercise(state.lesson, () => {
      exercise.replaceWith(intro);
      intro.querySelector("#lesson-start").focus();
    });
    intro.replaceWith(exercise);
  });
  view.transcript.append(intro);
  view.transcript.scrollTop = 0;
}

// Turns a restored chat shows at first, and per "Show earlier turns": an even number, so a
// page never separates a learner's turn from the tutor's reply.
const TRANSCRIPT_PAGE = 100;

function transcriptPage(sessionId, before = null) {
  const query = new URLSearchParams({ limit: String(TRANSCRIPT_PAGE) });
  if (before !== null) query.set("before", String(before));
  return api(`/sessions/${encodeURIComponent(sessionId)}?${query}`);
}

// Draw stored turns at the end of the transcript.
function drawTurns(turns) {
  turns.forEach((turn, i) => {
    if (turn.role === "learner") {
      const reply = turns[i + 1]?.role === "tutor" ? turns[i + 1] : null;
      const learner = learnerTurn(turn.text);
      learner.setFeedback(turn.feedback || reply?.feedback || null);
    } else {
      const reply = tutorTurn(turn, { feedback: turn.feedback });
      if (turns[i - 1]?.role === "learner") attachInflection(reply, turns[i - 1].text, prefsProvider().explain_in);
    }
  });
}

// A long conversation opens at its end; this button above it brings back the turns before.
function earlierTurns(sessionId, before) {
  const button = h("button", { type: "button", class: "tool earlier" }, t("earlier"));
  const line = h("p", { class: "earlier-line" }, button);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const page = await transcriptPage(sessionId, before);
      const box = view.transcript;
      const count = box.children.length;
      const height = box.scrollHeight;
      drawTurns(page.turns || []);
      const drawn = [...box.children].slice(count);
      const next = page.next_before != null ? earlierTurns(sessionId, page.next_before) : null;
      line.replaceWith(...(next ? [next] : []), ...drawn);
      box.scrollTop += box.scrollHeight - height; // keep the turns the learner was reading in view
      (next?.querySelector("button") || view.input).focus({ preventScroll: true });
    } catch (error) {
      button.disabled = false;
      if (error.code !== "session_expired") setNote(error.message, true);
    }
  });
  return line;
}

async function restore() {
  const session = await transcriptPage(state.sessionId);
  if (session.lesson_id !== state.lessonId) {
    state.lessonId = session.lesson_id;
    await loadLesson(state.lessonId);
    updateHead();
    persist();
  }
  const turns = session.turns || [];
  if (session.next_before != null) view.transcript.append(earlierTurns(state.sessionId, session.next_before));
  drawTurns(turns);
  const total = state.lesson ? state.lesson.dialogue.length : 0;
  const completed = Boolean(state.lessonId && session.completed);
  setCompleted(completed);
  updateSteps(state.lesson ? { step: session.step_index, steps_total: total, completed } : null);
  if (completed) completedPanel();
  if (!turns.length) await submit(OPENER, { fromButton: true });
}

export function startFreePractice() {
  if (!view) build();
  forgetChat();
  persist();
  onNavigate("chat");
}
