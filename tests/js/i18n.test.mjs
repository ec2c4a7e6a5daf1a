// The page's formatting helpers: grammar named as a teacher names it, in the learner's language,
// and the "odmień …" question the page recognises.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

// The browser's localStorage, which i18n.js reads for the learner's language.
const stored = new Map();
globalThis.localStorage = {
  getItem: (key) => stored.get(key) ?? null,
  setItem: (key, value) => stored.set(key, String(value)),
  removeItem: (key) => stored.delete(key),
};

const { EXPLAIN_KEY, genderName, valueName, t } = await import("../../polish_tutor/web/static/i18n.js");
const { declinedWord } = await import("../../polish_tutor/web/static/inflection.js");

beforeEach(() => stored.clear());

test("genders and their combinations in words, never as tags", () => {
  assert.equal(genderName("m1"), "masculine personal");
  assert.equal(genderName("m1.m2.m3"), "masculine");
  assert.equal(genderName("m2.m3.f.n"), "non-masculine-personal");
  assert.equal(genderName(""), "any gender");
  assert.equal(genderName("f.n"), "feminine / neuter");
  assert.equal(genderName("zz"), "other");
  stored.set(EXPLAIN_KEY, "pl");
  assert.equal(genderName("m1"), "męskoosobowy");
  assert.equal(genderName("m2.m3.f.n"), "niemęskoosobowy");
});

test("feature values, combined ones included, and unknown tags as 'other'", () => {
  assert.equal(valueName("case", "acc"), "Accusative");
  assert.equal(valueName("case", "gen.acc"), "Genitive / Accusative");
  assert.equal(valueName("person", "pri"), "1st person");
  assert.equal(valueName("aspect", "perf"), "perfective");
  assert.equal(valueName("case", ""), "—");
  assert.equal(valueName("case", "qq"), "other");
  stored.set(EXPLAIN_KEY, "pl");
  assert.equal(valueName("case", "inst"), "Narzędnik");
});

test("t() follows the learner's language, falling back to English", () => {
  assert.equal(t("send"), "Send");
  stored.set(EXPLAIN_KEY, "pl");
  assert.notEqual(t("send"), "Send");
  assert.equal(typeof t("send"), "string");
});

test("the declension question the page answers with tables", () => {
  assert.equal(declinedWord("odmień kawa"), "kawa");
  assert.equal(declinedWord("  Decline „kot”? "), "kot");
  assert.equal(declinedWord("conjugate mówić"), "mówić");
  assert.equal(declinedWord("co znaczy kawa"), null);
  assert.equal(declinedWord(""), null);
});
