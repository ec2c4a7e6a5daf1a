// A streamed turn as the page follows it (stream.js): the events of POST /chat/stream folded into
// what to show, and the sentences' audio played in order, one after the other.
import assert from "node:assert/strict";
import { test } from "node:test";

import { jsonEvents } from "../../polish_tutor/web/static/api.js";
import { foldEvent, playQueue, remainingAudio, streamedTurn } from "../../polish_tutor/web/static/stream.js";

const TURN = {
  text: "Dzień dobry! Jak się masz?",
  audio_job_id: "a0",
  audio_parts: ["a0", "a1", "a2"],
};
const STREAM =
  'event: text\ndata: {"delta": "Dzień do"}\n\n' +
  'event: text\ndata: {"delta": "bry! "}\n\n' +
  'event: audio\ndata: {"index": 0, "audio_job_id": "a0"}\n\n' +
  ": ping\n\n" +
  'event: text\ndata: {"delta": "Jak się masz?"}\n\n' +
  'event: audio\ndata: {"index": 1, "audio_job_id": "a1"}\n\n' +
  `event: turn\ndata: ${JSON.stringify(TURN)}\n\n`;

function follow(stream, size) {
  const state = streamedTurn();
  const texts = [];
  const parser = jsonEvents((name, data) => {
    foldEvent(state, name, data);
    if (name === "text") texts.push(state.text);
  });
  for (let start = 0; start < stream.length; start += size) parser.feed(stream.slice(start, start + size));
  return { state, texts };
}

test("the words grow as they come and end as the turn's text", () => {
  for (const size of [1, 3, 7, 1000]) {
    const { state, texts } = follow(STREAM, size);
    assert.deepEqual(texts, ["Dzień do", "Dzień dobry! ", "Dzień dobry! Jak się masz?"]);
    assert.equal(state.text, TURN.text);
    assert.deepEqual(state.turn, TURN);
    assert.deepEqual(state.audio, ["a0", "a1"]);
    assert.equal(state.error, null);
  }
});

test("the audio not announced while streaming comes from the turn", () => {
  const { state } = follow(STREAM, 5);
  assert.deepEqual(remainingAudio(state), ["a2"]);
  assert.deepEqual(remainingAudio(streamedTurn()), []);
});

test("an error event ends the turn as an ApiError with the status /chat would answer", () => {
  const state = streamedTurn();
  foldEvent(state, "text", { delta: "Dzień" });
  foldEvent(state, "error", {
    error: { code: "reply_interrupted", message: "The reply broke off.", status: 503 },
  });
  assert.equal(state.turn, null);
  assert.equal(state.error.status, 503);
  assert.equal(state.error.code, "reply_interrupted");
  const limited = foldEvent(streamedTurn(), "error", {
    error: { code: "rate_limited", message: "Slow down.", status: 429, retry_after: "7" },
  });
  assert.equal(limited.error.retryAfter, "7");
});

test("sentences play one after the other, in order, even when one fails", async () => {
  const played = [];
  const finish = new Map();
  const queue = playQueue(
    (id) =>
      new Promise((resolve, reject) => {
        played.push(id);
        finish.set(id, id === "a1" ? reject : resolve);
      }),
  );
  queue.add("a0");
  queue.add("a1");
  await Promise.resolve();
  assert.deepEqual(played, ["a0"]); // a1 waits for a0 to end
  finish.get("a0")();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(played, ["a0", "a1"]);
  queue.add("a2");
  finish.get("a1")(new Error("no audio"));
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(played, ["a0", "a1", "a2"]);
  queue.stop();
  queue.add("a3");
  finish.get("a2")();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(played, ["a0", "a1", "a2"]);
});
