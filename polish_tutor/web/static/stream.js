// A streamed turn (POST /chat/stream) as the page follows it: the events folded into what to
// show, and the sentences' audio played one after the other as each becomes ready. Pure: no
// DOM, no network (tests/js/stream.test.mjs).

import { ApiError } from "./api.js";

// What the events said so far: the reply's text, the sentences' audio jobs in order, and the
// turn (the /chat response) or the error that ended the stream.
export function streamedTurn() {
  return { text: "", audio: [], turn: null, error: null };
}

export function foldEvent(state, name, data) {
  if (name === "text" && typeof data.delta === "string") {
    state.text += data.delta;
  } else if (name === "audio" && data.audio_job_id) {
    state.audio.push(data.audio_job_id);
  } else if (name === "turn") {
    state.turn = data;
  } else if (name === "error") {
    const error = data.error || {};
    state.error = new ApiError(
      error.status || 500,
      error.code || "internal_error",
      error.message || "Something went wrong.",
      error.retry_after ?? null,
    );
  }
  return state;
}

// The turn's audio jobs not announced while it streamed (the last sentences, the next line).
export function remainingAudio(state) {
  const parts = state.turn?.audio_parts || [];
  return parts.filter((id) => !state.audio.includes(id));
}

// Plays audio jobs in the order they are added, each once the one before has ended:
// playOne(id) resolves when that job's audio has played (or cannot be). stop() drops the rest.
export function playQueue(playOne) {
  const waiting = [];
  let busy = false;
  let stopped = false;
  async function run() {
    if (busy) return;
    busy = true;
    while (waiting.length && !stopped) {
      const id = waiting.shift();
      try {
        await playOne(id);
      } catch {
        // a sentence that cannot be heard does not hold back the next
      }
    }
    busy = false;
  }
  return {
    add(id) {
      if (stopped) return;
      waiting.push(id);
      run();
    },
    stop() {
      stopped = true;
      waiting.length = 0;
    },
    get stopped() {
      return stopped;
    },
  };
}
