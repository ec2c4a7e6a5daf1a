// Speaking: a microphone button (hold to talk, or press once to start and again to stop; Space
// and Enter toggle it), a level meter while recording, the recording sent to POST /speech and
// what the tutor heard back from transcript_ready (GET /speech/{id} if the event is missed).
// The recording stays in this tab (a blob URL) so the learner can play it back.

import { api } from "./api.js";
import { play } from "./audio.js";
import { announce, h, icon, sleep, splitWords } from "./dom.js";
import { t } from "./i18n.js";

const MAX_MS = 14_500; // the server takes at most 15 s
const HOLD_MS = 350; // a press longer than this is hold-to-talk; shorter is a toggle
const MIN_MS = 300;
const TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];

const waiters = new Map(); // speech_job_id -> {resolve, reject}

// Called for every event of GET /events.
export function speechEvent(type, data) {
  const waiter = data && waiters.get(data.speech_job_id);
  if (!waiter) return;
  waiters.delete(data.speech_job_id);
  if (type === "transcript_ready") waiter.resolve(data);
  else if (type === "transcript_failed") waiter.reject(new Error(data.error || "The recording could not be heard."));
}

// What was heard in a recording: the event, or polling when the stream missed it.
function whenHeard(id, timeoutMs = 90_000) {
  return new Promise((resolve, reject) => {
    waiters.set(id, { resolve, reject });
    const deadline = Date.now() + timeoutMs;
    (async () => {
      await sleep(2000);
      while (waiters.has(id) && Date.now() < deadline) {
        try {
          const status = await api(`/speech/${encodeURIComponent(id)}`);
          if (status.status === "finished") speechEvent("transcript_ready", status);
          else if (status.status === "failed") speechEvent("transcript_failed", status);
        } catch (error) {
          if (error.status === 404 || error.status === 401) speechEvent("transcript_failed", { speech_job_id: id, error: error.message });
        }
        await sleep(1500);
      }
      if (waiters.has(id)) speechEvent("transcript_failed", { speech_job_id: id, error: "The tutor is taking too long to listen. Try again, or type your answer." });
    })();
  });
}

function recorderType() {
  if (typeof MediaRecorder === "undefined") return null;
  return TYPES.find((t) => MediaRecorder.isTypeSupported?.(t)) ?? "";
}

export function canRecord() {
  return Boolean(navigator.mediaDevices?.getUserMedia) && recorderType() !== null;
}

function micIcon() {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "icon icon-mic");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", "M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z M5 11a7 7 0 0 0 14 0 M12 18v3");
  path.setAttribute("fill", "none");
  path.setAttribute("stroke", "currentColor");
  path.setAttribute("stroke-width", "2");
  path.setAttribute("stroke-linecap", "round");
  svg.append(path);
  return svg;
}

// ---- what was heard, shown (a turn by voice in chat.js, a listening item in drills.js) ------
// `feedback.heard` is the server's reading of a spoken answer (ai_agent/spoken.py): the words
// as the engine counts them, each clear or not, and the words not clear.

// A word the recogniser did not hear clearly: marked "not clear", never "wrong".
export function unclearWord(part, feedback) {
  const heard = part.index >= 0 ? feedback.heard?.words?.[part.index] : null;
  if (!heard || heard.clear !== false) return part.text;
  return h("span", { class: "unclear", title: `${part.text}: ${t("notClear")}`, "aria-label": `${part.text}, ${t("notClear")}` }, part.text);
}

// What the tutor heard, beside the sentence it expected (unless `expected` is false: the
// caller shows the answer itself), its words not clear marked (`marked`: when the caller does
// not show the sentence marked itself; feedback.heard.words index the words of the answer).
export function heardLines(feedback, { expected = true, marked = false } = {}) {
  const heard = feedback.heard;
  const said = marked ? splitWords(heard.transcript).map((part) => unclearWord(part, feedback)) : heard.transcript;
  const out = [h("p", { class: "heard" }, t("tutorHeard"), h("q", { lang: "pl" }, said))];
  if (expected && feedback.expected && feedback.verdict !== "incorrect") {
    out.push(h("p", { class: "heard" }, t("expected"), h("q", { lang: "pl" }, feedback.expected)));
  }
  if (heard.unclear?.length) {
    out.push(h("p", { class: "heard unclear-note" }, t("notClearLabel"), h("span", { lang: "pl" }, heard.unclear.join(", ")), t("recordingNotMistake")));
  }
  return out;
}

// "My recording": plays the learner's own recording (a blob URL of this tab).
export function replayButton(recording) {
  const button = h("button", { type: "button", class: "tool replay", "aria-label": t("playRecording") }, icon("play"), t("myRecording"));
  button.addEventListener("click", () => play(recording, button).catch(() => {}));
  return button;
}

// The microphone button. context() → {sessionId, expected, listeningToken}: the lesson line's
// answer is found by the server from the session, a listening item's sentence from its signed
// token (the page never learns it before the answer). onHeard({transcript, words, speech_job_id, recording}) is
// called with what was heard; onNote(text, warn) explains what happened.
export function microphone({ context, onHeard, onNote, busy = () => false }) {
  const label = h("span", { class: "mic-label" }, t("speak"));
  const button = h("button", {
    type: "button",
    class: "mic",
    id: "mic",
    "aria-pressed": "false",
    "aria-label": t("speakLabel"),
    title: t("speakTitle"),
  }, micIcon(), label);
  const meter = h("meter", { class: "mic-level", min: "0", max: "1", value: "0", "aria-label": t("micLevel"), hidden: true });
  const el = h("div", { class: "mic-box" }, button, meter);

  let recording = null; // {recorder, stream, audio, started, timer, chunks, frame}
  let pressedAt = 0;
  let disabled = false;

  if (!canRecord()) {
    button.setAttribute("aria-disabled", "true");
    button.title = "This browser cannot record here: type your answer instead.";
  }

  function setState(on) {
    button.classList.toggle("recording", on);
    button.setAttribute("aria-pressed", String(on));
    label.textContent = on ? t("stop") : t("speak");
    meter.hidden = !on;
    if (!on) meter.value = 0;
  }

  async function start() {
    if (recording || disabled || busy()) return;
    if (!canRecord()) {
      onNote("This browser has no microphone we can use here — type your answer instead.", true);
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
    } catch (error) {
      const refused = error.name === "NotAllowedError" || error.name === "SecurityError";
      onNote(refused
        ? "The microphone is not allowed for this page. Allow it in the browser's address bar to speak — or type your answer."
        : "No microphone was found. Plug one in to speak — or type your answer.", true);
      return;
    }
    const type = recorderType();
    const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks = [];
    recorder.addEventListener("dataavailable", (event) => { if (event.data.size) chunks.push(event.data); });
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 1024;
    audio.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    recording = { recorder, stream, audio, chunks, started: Date.now(), frame: 0 };
    const draw = () => {
      if (!recording) return;
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      meter.value = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      recording.frame = requestAnimationFrame(draw);
    };
    draw();
    recording.timer = setTimeout(() => stop(), MAX_MS);
    recorder.start();
    setState(true);
    announce("Recording. Press the button again to stop.");
  }

  async function stop() {
    const current = recording;
    if (!current) return;
    recording = null;
    clearTimeout(current.timer);
    cancelAnimationFrame(current.frame);
    setState(false);
    const done = new Promise((resolve) => current.recorder.addEventListener("stop", resolve, { once: true }));
    current.recorder.stop();
    await done;
    current.stream.getTracks().forEach((t) => t.stop());
    current.audio.close().catch(() => {});
    const blob = new Blob(current.chunks, { type: current.recorder.mimeType || "audio/webm" });
    if (Date.now() - current.started < MIN_MS || !blob.size) {
      onNote("That was very short — hold the button while you speak, or press it once to start.", true);
      return;
    }
    await send(blob);
  }

  async function send(blob) {
    disabled = true;
    button.classList.add("loading");
    label.textContent = t("listening");
    onNote("The tutor is listening to your recording…");
    try {
      const form = new FormData();
      const ext = blob.type.includes("ogg") ? "ogg" : blob.type.includes("mp4") ? "mp4" : "webm";
      form.append("audio", blob, `answer.${ext}`);
      const { sessionId, expected, listeningToken } = context();
      if (sessionId) form.append("session_id", sessionId);
      if (expected) form.append("expected", expected);
      if (listeningToken) form.append("listening_token", listeningToken);
      const accepted = await api("/speech", { form });
      const heard = await whenHeard(accepted.speech_job_id);
      if (!heard.transcript || !heard.transcript.trim()) {
        onNote("I heard nothing there — speak a little closer to the microphone and try again.", true);
        return;
      }
      onHeard({ ...heard, recording: URL.createObjectURL(blob) });
    } catch (error) {
      onNote(error.status === 413 ? "That recording is too long — say one sentence at a time." : error.message, true);
    } finally {
      disabled = false;
      button.classList.remove("loading");
      label.textContent = t("speak");
    }
  }

  button.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    pressedAt = Date.now();
    if (recording) stop();
    else start();
  });
  button.addEventListener("pointerup", () => {
    if (recording && pressedAt && Date.now() - pressedAt >= HOLD_MS) stop(); // held: hold-to-talk
    pressedAt = 0;
  });
  button.addEventListener("click", (event) => {
    if (event.detail !== 0) return; // pointer clicks are handled above; this is the keyboard
    if (recording) stop();
    else start();
  });

  return {
    el,
    // the button's words in the learner's language (i18n.js), when it changes
    relabel() {
      if (!recording && !disabled) label.textContent = t("speak");
      button.setAttribute("aria-label", t("speakLabel"));
      if (canRecord()) button.title = t("speakTitle");
      meter.setAttribute("aria-label", t("micLevel"));
    },
    setDisabled(off) {
      button.disabled = off;
      if (off && recording) stop();
    },
  };
}
