// The page's words are the server's words (polish_tutor/language/text.py): the shared cases in
// words.json, which tests/js/test_node.py checks against Python.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { splitWords, WORD_RE } from "../../polish_tutor/web/static/dom.js";

const { cases } = JSON.parse(readFileSync(new URL("./words.json", import.meta.url), "utf8"));

test("WORD_RE finds the words the server finds", () => {
  for (const { text, words } of cases) {
    assert.deepEqual(text.match(WORD_RE) ?? [], words, text);
  }
});

test("splitWords keeps every character and numbers the words in order", () => {
  for (const { text, words } of cases) {
    const parts = splitWords(text);
    assert.equal(parts.map((p) => p.text).join(""), text);
    const found = parts.filter((p) => p.index >= 0);
    assert.deepEqual(found.map((p) => p.word), words, text);
    assert.deepEqual(found.map((p) => p.index), words.map((_, i) => i));
    assert.ok(parts.filter((p) => p.index < 0).every((p) => !/[\p{L}\p{N}]/u.test(p.text)), text);
  }
});

test("a decomposed ę or ż is part of its word, not a break", () => {
  const nfd = "Poproszę kawę, żabo.".normalize("NFD");
  assert.notEqual(nfd, "Poproszę kawę, żabo.");
  const words = splitWords(nfd).filter((p) => p.index >= 0).map((p) => p.word.normalize("NFC"));
  assert.deepEqual(words, ["Poproszę", "kawę", "żabo"]);
});
