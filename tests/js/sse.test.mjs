// The event stream as the page reads it (api.js jsonEvents over the vendored eventsource-parser):
// whatever pieces the network cuts the stream into, each event arrives once, whole.
import assert from "node:assert/strict";
import { test } from "node:test";

import { jsonEvents } from "../../polish_tutor/web/static/api.js";

function collect(chunks) {
  const seen = [];
  const parser = jsonEvents((name, data) => seen.push([name, data]));
  for (const chunk of chunks) parser.feed(chunk);
  return seen;
}

const STREAM =
  ": ping\n\n" +
  'event: audio_ready\ndata: {"audio_job_id": "a1", "audio_url": "/audio/a1.wav?exp=1&sig=x"}\n\n' +
  'event: transcript_ready\r\ndata: {"speech_job_id": "s1",\r\ndata:  "transcript": "Dzień dobry"}\r\n\r\n' +
  "data: not json\n\n" +
  'data: {"plain": true}\n\n' +
  "event: audio_failed\ndata: {\"audio_job_id\": \"a2\", \"error\": \"quota\"}\n\n";

const EXPECTED = [
  ["audio_ready", { audio_job_id: "a1", audio_url: "/audio/a1.wav?exp=1&sig=x" }],
  ["transcript_ready", { speech_job_id: "s1", transcript: "Dzień dobry" }],
  ["message", { plain: true }],
  ["audio_failed", { audio_job_id: "a2", error: "quota" }],
];

test("events in one piece", () => {
  assert.deepEqual(collect([STREAM]), EXPECTED);
});

test("events cut at every position, and one character at a time", () => {
  for (let cut = 1; cut < STREAM.length; cut++) {
    assert.deepEqual(collect([STREAM.slice(0, cut), STREAM.slice(cut)]), EXPECTED, `cut at ${cut}`);
  }
  assert.deepEqual(collect([...STREAM]), EXPECTED);
});

test("an event not yet ended is not delivered", () => {
  assert.deepEqual(collect(['event: audio_ready\ndata: {"audio_job_id": "a3"}\n']), []);
});
