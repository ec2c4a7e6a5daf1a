// The learner's gender, which the tutor follows (Byłaś w domu? to a woman, Byłeś w domu? to a
// man, both forms and either accepted when it is not given): asked once, kindly, after sign-up
// or the first time a signed-in learner without one comes back, and editable in Settings beside
// the language of the explanations. GET /auth/me reads it; PATCH /auth/me {gender} stores it.
// This browser remembers that the question was answered, so "rather not say" (null) is not
// asked again.

import { api } from "./api.js";
import { announce, h } from "./dom.js";
import { t, uiLang } from "./i18n.js";

const ANSWERED = "tutor.genderAnswered"; // localStorage: the accounts that answered, by id
const GENDERS = ["feminine", "masculine", "none"];

let account = null; // {id, email, gender} from GET /auth/me
let question = null; // the question's panel while it waits for an answer
let route = null; // the page shown (the question waits outside the chat)

function answeredHere() {
  try {
    const ids = JSON.parse(localStorage.getItem(ANSWERED) || "[]");
    return Array.isArray(ids) ? ids : [];
  } catch {
    return [];
  }
}

function markAnswered(id) {
  const ids = answeredHere().filter((known) => known !== id);
  ids.push(id);
  localStorage.setItem(ANSWERED, JSON.stringify(ids.slice(-20)));
}

const selectValue = (gender) => gender || "";
const choiceOf = (gender) => gender || "none";

function genderSelect() {
  return document.getElementById("learner-gender");
}

function settingsNote(text) {
  const note = document.getElementById("settings-note");
  if (note) note.textContent = text;
}

// Store the answer; the account's gender as saved (or an ApiError).
async function saveGender(choice) {
  const gender = choice === "none" ? null : choice;
  account = await api("/auth/me", { method: "PATCH", body: { gender } });
  markAnswered(account.id);
  genderSelect().value = selectValue(account.gender);
  return account.gender;
}

// After sign-in (or a reload): read the account, and ask if it was never answered.
export async function loadAccount() {
  try {
    account = await api("/auth/me");
  } catch {
    account = null;
    return;
  }
  genderSelect().value = selectValue(account.gender);
  if (account.gender) markAnswered(account.id);
  else if (!answeredHere().includes(account.id)) showQuestion();
}

export function forgetAccount() {
  account = null;
  question?.remove();
  question = null;
  genderSelect().value = "";
  settingsNote("");
}

// The question waits on every page but the chat (where it would push the answer box away).
export function placeQuestion(name) {
  route = name;
  if (question) question.hidden = route === "chat";
}

function showQuestion() {
  if (question) return;
  question = buildQuestion();
  document.getElementById("main").before(question);
  announce(t("genderQuestion"));
}

function buildQuestion() {
  const error = h("p", { class: "form-error", role: "alert" });
  const buttons = GENDERS.map((choice) => {
    const [label, form] = t("genderOptions")[choice];
    return h("button", { type: "button", class: "ghost", dataset: { gender: choice } },
      label, " ", h("span", { class: "form", lang: choice === "none" ? uiLang() : "pl" }, form));
  });
  const panel = h("section", {
    class: "ask", id: "gender-question", lang: uiLang(), "aria-labelledby": "gender-question-title",
  },
  h("h2", { id: "gender-question-title", tabindex: "-1" }, t("genderQuestion")),
  h("p", {}, t("genderWhy"), h("span", { lang: "pl" }, "Byłaś w domu?"), " / ",
    h("span", { lang: "pl" }, "Byłeś w domu?"), t("genderWhyEnd")),
  h("div", { class: "row", role: "group", "aria-labelledby": "gender-question-title" }, buttons),
  error);
  panel.hidden = route === "chat";
  panel.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-gender]");
    if (!button) return;
    const hadFocus = panel.contains(document.activeElement);
    for (const b of buttons) b.disabled = true;
    error.textContent = "";
    try {
      await saveGender(button.dataset.gender);
      panel.remove();
      if (question === panel) question = null;
      announce(t("genderSaved")[button.dataset.gender]);
      if (hadFocus) document.querySelector("#main .view-title, #main h1")?.focus({ preventScroll: true });
    } catch (failure) {
      for (const b of buttons) b.disabled = false;
      if (failure.code !== "session_expired") error.textContent = t("genderFailed");
    }
  });
  return panel;
}

// The settings' labels (and a waiting question) in the learner's language.
export function relabelAccount() {
  const lang = uiLang();
  const settings = document.getElementById("settings");
  settings.lang = lang;
  settings.querySelector(".settings-text").textContent = t("settings");
  settings.querySelector("summary").title = t("settings");
  document.getElementById("explain-in-label").textContent = t("explainLabel");
  document.getElementById("learner-gender-label").textContent = t("genderLabel");
  for (const option of genderSelect().options) option.textContent = t("genderSelect")[choiceOf(option.value)];
  if (question) {
    const waiting = question;
    question = buildQuestion();
    waiting.replaceWith(question);
  }
}

// Settings: a disclosure in the header; Escape or a click elsewhere closes it.
export function wireSettings() {
  const settings = document.getElementById("settings");
  const select = genderSelect();
  relabelAccount();
  settings.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && settings.open) {
      settings.open = false;
      settings.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (settings.open && !settings.contains(event.target)) settings.open = false;
  });
  select.addEventListener("change", async () => {
    const before = selectValue(account?.gender);
    settingsNote("");
    try {
      const gender = await saveGender(select.value || "none");
      settingsNote(t("genderSaved")[choiceOf(gender)]);
      question?.remove();
      question = null;
    } catch (failure) {
      select.value = before;
      if (failure.code !== "session_expired") settingsNote(t("genderFailed"));
    }
  });
}
