// Speech: wait for a job's audio (the audio_ready event, with /tts/status as a fallback),
// play it through the page's single <audio> element, and speak any word on request.

import { api } from "./api.js";
import { sleep } from "./dom.js";

const AUTOPLAY_KEY = "tutor.autoplay";
const URL_FRESH_MS = 50 * 60 * 1000; // signed URLs live an hour; fetch a new one before that

const ready = new Map(); // audio_job_id -> {url, at}
const failed = new Map(); // audio_job_id -> error text
const waiters = new Map(); // audio_job_id -> Set<{resolve, reject}>
let onBlocked = () => {};

export function player() {
  return document.getElementById("player");
}

export function autoplayEnabled() {
  return localStorage.getItem(AUTOPLAY_KEY) !== "off";
}

export function setAutoplay(on) {
  localStorage.setItem(AUTOPLAY_KEY, on ? "on" : "off");
}

export function whenBlocked(fn) {
  onBlocked = fn;
}

function settle(id) {
  const set = waiters.get(id);
  if (!set) return;
  waiters.delete(id);
  for (const waiter of set) {
    if (ready.has(id)) waiter.resolve(ready.get(id).url);
    else waiter.reject(new Error(failed.get(id) || "The audio could not be made."));
  }
}

// Called for every event of GET /events.
export function audioEvent(type, data) {
  if (!data || !data.audio_job_id) return;
  if (type === "audio_ready" && data.audio_url) {
    ready.set(data.audio_job_id, { url: data.audio_url, at: Date.now() });
    settle(data.audio_job_id);
  } else if (type === "audio_failed") {
    failed.set(data.audio_job_id, data.error || "The audio could not be made.");
    settle(data.audio_job_id);
  }
}

async function poll(id, deadline) {
  // The event usually wins; polling covers a stream that is reconnecting or an event
  // published before this page started listening.
  await sleep(1500);
  while (waiters.has(id) && Date.now() < deadline) {
    try {
      const status = await api(`/tts/status/${encodeURIComponent(id)}`);
      if (status.status === "finished" && status.audio_url) {
        audioEvent("audio_ready", status);
        return;
      }
      if (status.status === "failed") {
        audioEvent("audio_failed", { audio_job_id: id, error: status.error });
        return;
      }
    } catch (error) {
      if (error.status === 404 || error.status === 401) {
        audioEvent("audio_failed", { audio_job_id: id, error: error.message });
        return;
      }
    }
    await sleep(2000);
  }
}

// The signed URL of a job's audio, once it is ready.
export function audioUrl(id, { timeoutMs = 90_000 } = {}) {
  const known = ready.get(id);
  if (known && Date.now() - known.at < URL_FRESH_MS) return Promise.resolve(known.url);
  if (known) ready.delete(id);
  failed.delete(id);
  return new Promise((resolve, reject) => {
    const first = !waiters.has(id);
    if (first) waiters.set(id, new Set());
    waiters.get(id).add({ resolve, reject });
    if (first) poll(id, Date.now() + timeoutMs);
    setTimeout(() => {
      const set = waiters.get(id);
      if (!set) return;
      for (const waiter of set) {
        set.delete(waiter);
        waiter.reject(new Error("The audio is taking too long."));
      }
      waiters.delete(id);
    }, timeoutMs);
  });
}

let playing = null; // the button whose audio is playing

export async function play(url, button = null) {
  const audio = player();
  if (playing) playing.classList.remove("playing");
  playing = button;
  if (audio.getAttribute("src") !== url) {
    audio.src = url;
  } else {
    audio.currentTime = 0;
  }
  button?.classList.add("playing");
  try {
    await audio.play();
  } catch (error) {
    button?.classList.remove("playing");
    if (error.name === "NotAllowedError") onBlocked();
  }
}

player()?.addEventListener("ended", () => {
  playing?.classList.remove("playing");
  playing = null;
});

// Play a job's audio to its end: resolves when it has ended, could not start, or was replaced
// (another play on the page's single <audio>).
export async function playToEnd(id, button = null) {
  const url = await audioUrl(id);
  const audio = player();
  await new Promise((resolve) => {
    const events = ["ended", "error", "emptied", "pause"];
    const done = () => {
      for (const name of events) audio.removeEventListener(name, done);
      resolve();
    };
    play(url, button).then(() => {
      if (audio.paused) return done();
      for (const name of events) audio.addEventListener(name, done);
    });
  });
}

// Speak any text (a word, a line, slower): POST /tts, then play when it is ready.
export async function speak(text, { speed = null, button = null } = {}) {
  const body = { text };
  if (speed) body.speed = speed;
  button?.classList.add("loading");
  try {
    const { audio_job_id: id } = await api("/tts", { body });
    await play(await audioUrl(id), button);
  } finally {
    button?.classList.remove("loading");
  }
}
