// The chat: the tutor's lines (Polish, English on demand, audio), the learner's answers with
// the feedback drawn on their own words, the Polish letters bar and the hint/repeat/skip buttons.

import { api } from "./api.js";
import { audioUrl, autoplayEnabled, play, speak } from "./audio.js";
import { clear, emphasised, h, icon, sayable, sleep, splitWords, uuid } from "./dom.js";
import { attachInflection } from "./inflection.js";
import { microphone } from "./speech.js";

const STORE = "tutor.chat";
export const OPENER = "Zaczynamy!"; // opens a lesson; never one of a lesson's answers
const LETTERS = ["ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż"];
const COMMANDS = {
  pomoc: "pomoc", help: "pomoc", "?": "pomoc", podpowiedź: "pomoc", hint: "pomoc",
  powtórz: "powtórz", powtorz: "powtórz", repeat: "powtórz",
  dalej: "dalej", skip: "dalej", pomiń: "dalej", pomin: "dalej",
};
const SLOWER = 0.75;
const ISSUE_LABELS = {
  diacritics: "Polish letters", typo: "Spelling", wrong_word: "Word choice",
  missing_word: "Missing word", extra_word: "Extra word", word_order: "Word order",
};
const FEATURE_LABELS = {
  case: "Case", number: "Number", gender: "Gender", person: "Person",
  tense: "Tense", aspect: "Aspect", degree: "Degree",
};

const state = {
  sessionId: null,
  lessonId: null,
  lesson: null, // the full lesson (GET /lessons/{id}), for glosses and steps
  completed: false,
  sending: false,
  latestTutor: null,
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
  Object.assign(state, {
    sessionId: null, lessonId: null, lesson: null, completed: false, latestTutor: null,
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

function gloss(line) {
  const step = state.lesson?.dialogue.find((s) => s.tutor === line);
  return step ? step.gloss : null;
}

function stepOf(line) {
  if (!state.lesson || !line) return -1;
  return state.lesson.dialogue.findIndex((s) => s.tutor === line);
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
  const sendButton = h("button", { type: "submit", class: "primary send" }, "Send");
  // Say the answer instead (speech.js): the lesson line's answer is the recogniser's prompt.
  const mic = microphone({
    context: () => ({ sessionId: state.sessionId }),
    onHeard: (heard) => submit(heard.transcript, { spoken: heard }),
    onNote: (text, warn) => setNote(text, warn),
    busy: () => state.sending || state.completed,
  });
  const letters = h(
    "div",
    { class: "letters", role: "group", "aria-label": "Polish letters (Shift for capitals)" },
    LETTERS.map((letter) =>
      h("button", {
        type: "button",
        class: "letter",
        lang: "pl",
        dataset: { letter },
        "aria-label": `Insert ${letter}`,
      }, letter),
    ),
  );
  const helpers = h(
    "div",
    { class: "helpers", role: "group", "aria-label": "Ask the tutor" },
    h("button", { type: "button", dataset: { cmd: "pomoc" }, title: "A hint (pomoc)" },
      icon("hint"), "Hint ", h("span", { class: "pl-cmd", lang: "pl" }, "pomoc")),
    h("button", { type: "button", dataset: { cmd: "powtórz" }, title: "Say the line again, slower (powtórz)" },
      icon("repeat"), "Repeat ", h("span", { class: "pl-cmd", lang: "pl" }, "powtórz")),
    h("button", { type: "button", dataset: { cmd: "dalej" }, title: "Skip this line (dalej)" },
      icon("skip"), "Skip ", h("span", { class: "pl-cmd", lang: "pl" }, "dalej")),
  );
  const note = h("p", { class: "composer-note", id: "composer-note", role: "status" },
    "No Polish letters on your keyboard? Type without them — it still counts.");
  const form = h("form", { class: "composer", id: "composer", novalidate: true },
    h("label", { for: "answer", class: "visually-hidden" }, "Your answer in Polish"),
    h("div", { class: "input-row" }, input, mic.el, sendButton),
    letters,
    helpers,
    note,
  );
  const title = h("h1", { id: "chat-title", tabindex: "-1" }, "Chat");
  const eyebrow = h("p", { class: "eyebrow", id: "chat-eyebrow" }, "");
  const bar = h("progress", { id: "chat-steps", max: "1", value: "0", "aria-label": "Lesson progress" });
  const stepsLabel = h("span", { class: "steps-label", id: "chat-steps-label" }, "");
  const transcript = h("div", {
    class: "transcript",
    id: "transcript",
    role: "log",
    "aria-live": "polite",
    "aria-label": "Conversation with the tutor",
    tabindex: "-1",
  });
  const root = h("section", { class: "chat", "aria-labelledby": "chat-title" },
    h("div", { class: "chat-head" },
      h("div", { class: "chat-title" }, eyebrow, title),
      h("div", { class: "chat-steps" }, bar, stepsLabel),
      h("a", { href: "#/lessons", class: "button ghost small" }, "All lessons"),
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

  view = { root, input, sendButton, form, helpers, note, title, eyebrow, bar, stepsLabel, transcript, mic };
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
  view.title.textContent = lesson ? lesson.title : "Free practice";
  view.eyebrow.textContent = lesson ? `${lesson.level} · Lesson ${lesson.order}` : "No lesson — ask about words";
  view.helpers.hidden = !lesson;
  view.bar.parentElement.hidden = !lesson;
  document.title = `${lesson ? lesson.title : "Free practice"} · Patient Polish Tutor`;
}

function updateSteps(line) {
  if (!state.lesson) return;
  const total = state.lesson.dialogue.length;
  let done = stepOf(line);
  if (state.completed) done = total;
  if (done < 0) return;
  view.bar.max = total;
  view.bar.value = done;
  view.stepsLabel.textContent = state.completed ? "Lesson complete" : `Line ${done + 1} of ${total}`;
  view.bar.setAttribute("aria-valuetext", view.stepsLabel.textContent);
}

function scrollDown() {
  const t = view.transcript;
  requestAnimationFrame(() => { t.scrollTop = t.scrollHeight; });
}

// ---- turns ---------------------------------------------------------------------------------

function learnerTurn(message, { pending = false, spoken = null } = {}) {
  const cmd = command(message);
  if (message === OPENER) {
    const el = h("p", { class: "divider" }, h("span", {}, "Lesson started"));
    view.transcript.append(el);
    return { el, setFeedback() {}, fail() { el.remove(); } };
  }
  const said = h("p", { class: "said", lang: "pl" }, message);
  const slot = cmd ? null : h("div", { class: `feedback${pending ? " pending" : ""}` },
    pending ? h("span", { class: "checking" }, "Checking…") : null);
  // A spoken answer can be played back beside the tutor's audio (the recording stays in this tab).
  const replay = spoken?.recording
    ? h("button", { type: "button", class: "tool replay", "aria-label": "Play my recording" }, icon("play"), "My recording")
    : null;
  replay?.addEventListener("click", () => play(spoken.recording, replay).catch(() => {}));
  const el = h("article", { class: `turn learner${cmd ? " command" : ""}${spoken ? " spoken" : ""}`, "aria-label": spoken ? "You said (spoken)" : "You said" },
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
  if (issue.type === "inflection") return FEATURE_LABELS[issue.feature] || "Word form";
  return ISSUE_LABELS[issue.type] || "Note";
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
    const describe = fix ? `${part.text}, should be ${fix}` : `${part.text}, ${issueLabel(main).toLowerCase()}`;
    return h("span", { class: `mistake t-${kind}`, "aria-label": describe, title: describe },
      h("mark", { class: main.type === "extra_word" ? "got extra" : "got" }, part.text),
      fix && main.type !== "word_order" ? h("ins", { class: "fix" }, h("span", { class: "visually-hidden" }, " → "), fix) : null,
      h("sup", { "aria-hidden": "true" }, refs),
    );
  });
}

// A word the recogniser did not hear clearly: marked "not clear", never "wrong".
function unclearWord(part, feedback) {
  const heard = part.index >= 0 ? feedback.heard?.words?.[part.index] : null;
  if (!heard || heard.clear !== false) return part.text;
  return h("span", { class: "unclear", title: `${part.text}: not clear`, "aria-label": `${part.text}, not clear` }, part.text);
}

// What the tutor heard, beside the sentence it expected (a spoken answer).
function heardLines(feedback) {
  const heard = feedback.heard;
  const out = [h("p", { class: "heard" }, "The tutor heard: ", h("q", { lang: "pl" }, heard.transcript))];
  if (feedback.expected && feedback.verdict !== "incorrect") {
    out.push(h("p", { class: "heard" }, "Expected: ", h("q", { lang: "pl" }, feedback.expected)));
  }
  if (heard.unclear?.length) {
    out.push(h("p", { class: "heard unclear-note" }, "Not clear: ", h("span", { lang: "pl" }, heard.unclear.join(", ")), " — that is the recording, not a mistake."));
  }
  return out;
}

function feedbackBody(feedback) {
  const issues = feedback.issues || [];
  const verdicts = {
    correct: ["ok", "✓ Correct!", ""],
    acceptable: ["ok", "✓ Accepted", !issues.length ? "Right answer."
      : state.lessonId ? "Right answer — here is how it is written:" : "Here is how it is written:"],
    incorrect: ["try", "Almost there", "Let's fix it together — no rush."],
  };
  const [tone, label, sub] = feedback.heard?.say_again
    ? ["try", "Say it again", "A recording is not always clear — no rush."]
    : verdicts[feedback.verdict] || ["try", feedback.verdict, ""];
  const out = [h("p", { class: `verdict ${tone}` }, h("strong", {}, label), sub ? ` ${sub}` : "")];
  if (feedback.heard) out.push(...heardLines(feedback));
  if (issues.length) {
    out.push(h("ol", { class: "issues" }, issues.map((issue) =>
      h("li", {},
        h("span", { class: `tag t-${issue.type}` }, issueLabel(issue)),
        " ",
        h("span", { class: "explanation" }, emphasised(issue.explanation, { say: true })),
      ),
    )));
  }
  if (feedback.verdict === "acceptable" && feedback.expected) {
    out.push(h("p", { class: "expected" }, "Written: ", h("span", { lang: "pl" }, sayable(feedback.expected))));
  }
  return out;
}

function avatar() {
  return h("div", { class: "avatar", "aria-hidden": "true" },
    h("img", { src: "/static/icon.svg", alt: "", width: "30", height: "30" }));
}

function tutorTurn(turn, { fresh = false, feedback = null } = {}) {
  let text = turn.text || "";
  // The explanations are already drawn on the learner's sentence: do not say them twice.
  for (const issue of (feedback?.issues || [])) {
    if (issue.explanation) text = text.replace(issue.explanation, "");
  }
  text = text.replace(/\s{2,}/g, " ").trim();
  const line = turn.next_dialogue;
  const glossText = line ? gloss(line) : null;
  const glossId = `gloss-${uuid()}`;
  const playButton = h("button", {
    type: "button", class: "tool play", "aria-label": "Play the tutor's reply",
  }, icon("play"), "Play");
  const slowButton = h("button", {
    type: "button", class: "tool slow", "aria-label": "Play it slower",
  }, icon("slow"), "Slower");
  const glossButton = glossText
    ? h("button", {
      type: "button", class: "tool gloss-toggle", "aria-expanded": "false", "aria-controls": glossId,
    }, h("span", { class: "en", "aria-hidden": "true" }, "EN"), "English")
    : null;
  const glossEl = glossText ? h("p", { class: "gloss", id: glossId, lang: "en", hidden: true }, glossText) : null;
  const el = h("article", { class: "turn tutor", "aria-label": "Tutor" },
    avatar(),
    h("div", { class: "bubble" },
      text ? h("p", { class: "reply" }, sayable(text.replace(/\*/g, ""))) : null,
      line ? h("p", { class: "line" }, sayable(line)) : null,
      glossEl,
      turn.audio_job_id || line ? h("div", { class: "tools" }, playButton, slowButton, glossButton) : null,
    ),
  );
  view.transcript.append(el);

  const id = turn.audio_job_id;
  const spoken = line || text;
  playButton.addEventListener("click", async () => {
    try {
      if (id) await play(await audioUrl(id), playButton);
      else await speak(spoken, { button: playButton });
    } catch (error) {
      setNote(error.message, true);
    }
  });
  slowButton.addEventListener("click", async () => {
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

  if (fresh && id) {
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
    h("p", { class: "complete-title" }, icon("check"), " Lesson complete — gratulacje!"),
    h("div", { class: "row" },
      next ? h("button", { type: "button", class: "primary", onclick: () => openLesson(next.id) }, `Next: ${next.title}`) : null,
      h("a", { href: "#/lessons", class: "button ghost" }, "All lessons"),
      h("a", { href: "#/review", class: "button ghost" }, "Review words"),
    ),
  );
  view.transcript.append(el);
}

function setCompleted(done) {
  state.completed = done;
  view.input.disabled = done;
  view.sendButton.disabled = done;
  for (const b of view.helpers.querySelectorAll("button")) b.disabled = done;
  view.mic.setDisabled(done);
  view.input.placeholder = done ? "Lesson complete — pick another one" : "Napisz po polsku…";
}

// ---- talking to the tutor ------------------------------------------------------------------

async function postTurn(body) {
  const key = uuid(); // the same key on every retry: the server never stores the turn twice
  for (let attempt = 0; ; attempt++) {
    try {
      return await api("/chat", { body, headers: { "Idempotency-Key": key } });
    } catch (error) {
      const retryable = error.status === 0 || (error.status === 409 && error.code === "session_busy");
      if (!retryable || attempt >= 2) throw error;
      await sleep(800 * (attempt + 1));
    }
  }
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
  try {
    const out = await postTurn(body);
    typing.remove();
    state.sessionId = out.session_id;
    persist();
    learner.setFeedback(out.feedback);
    const reply = tutorTurn(out, { fresh: true, feedback: out.feedback });
    attachInflection(reply, message, body.prefs.explain_in).then(scrollDown);
    if (state.lessonId && !out.next_dialogue && message !== OPENER) {
      setCompleted(true);
      updateSteps(null);
      completedPanel();
    } else {
      updateSteps(out.next_dialogue);
    }
    setNote("No Polish letters on your keyboard? Type without them — it still counts.");
  } catch (error) {
    typing.remove();
    learner.fail();
    if (!fromButton && !view.input.value) view.input.value = typed;
    if (error.code === "session_expired") return;
    let text = error.message;
    if (error.status === 429) text = `Slow down a little — try again in ${error.retryAfter || "a few"} seconds.`;
    else if (error.status === 0) text = "The tutor cannot be reached — your answer is still in the box.";
    else if (error.status === 404 && state.sessionId) {
      text = "That conversation is gone. Pick a lesson to start again.";
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

function freeIntro() {
  tutorTurn({
    text: "Free practice. Ask me what a word means — “co znaczy kawa?” — or how it changes — “odmień kawa”. "
      + "Type Polish without its letters and I'll show where they go.",
    next_dialogue: null,
    audio_job_id: null,
  });
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
    view.transcript.append(h("p", { class: "loading-line" }, "Loading…"));
    try {
      await loadLesson(state.lessonId);
      clear(view.transcript);
      updateHead();
      if (state.sessionId) await restore();
      else if (state.lessonId) await submit(OPENER, { fromButton: true });
      else freeIntro();
    } catch (error) {
      clear(view.transcript);
      if (error.code === "session_expired") return;
      if (error.status === 404) {
        forgetChat();
        view.transcript.append(h("p", { class: "loading-line" }, "That conversation is no longer here. Pick a lesson to begin."));
      } else {
        view.transcript.append(h("p", { class: "loading-line warn" }, error.message));
      }
    }
  } else {
    updateHead();
  }
  scrollDown();
  if (!state.completed) view.input.focus();
  else view.title.focus();
}

// Turns a restored chat shows at first, and per "Show earlier turns": an even number, so a
// page never separates a learner's turn from the tutor's reply.
const TRANSCRIPT_PAGE = 100;

function transcriptPage(sessionId, before = null) {
  const query = new URLSearchParams({ limit: String(TRANSCRIPT_PAGE) });
  if (before !== null) query.set("before", String(before));
  return api(`/sessions/${encodeURIComponent(sessionId)}?${query}`);
}

// Draw stored turns at the end of the transcript; returns the last line the tutor gave.
function drawTurns(turns) {
  let lastLine = null;
  turns.forEach((turn, i) => {
    if (turn.role === "learner") {
      const reply = turns[i + 1]?.role === "tutor" ? turns[i + 1] : null;
      const learner = learnerTurn(turn.text);
      learner.setFeedback(turn.feedback || reply?.feedback || null);
    } else {
      const reply = tutorTurn(turn, { feedback: turn.feedback });
      if (turns[i - 1]?.role === "learner") attachInflection(reply, turns[i - 1].text, prefsProvider().explain_in);
      lastLine = turn.next_dialogue;
    }
  });
  return lastLine;
}

// A long conversation opens at its end; this button above it brings back the turns before.
function earlierTurns(sessionId, before) {
  const button = h("button", { type: "button", class: "tool earlier" }, "Show earlier turns");
  const line = h("p", { class: "earlier-line" }, button);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const page = await transcriptPage(sessionId, before);
      const t = view.transcript;
      const count = t.children.length;
      const height = t.scrollHeight;
      drawTurns(page.turns || []);
      const drawn = [...t.children].slice(count);
      const next = page.next_before != null ? earlierTurns(sessionId, page.next_before) : null;
      line.replaceWith(...(next ? [next] : []), ...drawn);
      t.scrollTop += t.scrollHeight - height; // keep the turns the learner was reading in view
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
  const lastLine = drawTurns(turns);
  if (state.lessonId && session.completed) {
    setCompleted(true);
    updateSteps(null);
    completedPanel();
  } else {
    setCompleted(false);
    updateSteps(lastLine);
  }
  if (!turns.length && state.lessonId) await submit(OPENER, { fromButton: true });
}

export function startFreePractice() {
  if (!view) build();
  forgetChat();
  persist();
  onNavigate("chat");
}
