// The page's entry point: signing in, the header, the hash router and the event stream.

import { forgetAccount, loadAccount, placeQuestion, relabelAccount, wireSettings } from "./account.js";
import { currentUser, onAuthChange, openEvents, restoreAuth, signIn, signOut, signUp } from "./api.js";
import { audioEvent, autoplayEnabled, setAutoplay, whenBlocked } from "./audio.js";
import { configureChat, forgetChat, relabel, showChat } from "./chat.js";
import { EXPLAIN_KEY, uiLang } from "./i18n.js";
import { speechEvent } from "./speech.js";
import { clear, h } from "./dom.js";
import { showPractice } from "./drills.js";
import { showPlacement } from "./placement.js";
import { showLessons, showProgress, showReview } from "./views.js";

const main = document.getElementById("main");
const banner = document.getElementById("banner");
const ROUTES = {
  lessons: showLessons, chat: showChat, review: showReview, progress: showProgress, placement: showPlacement,
  practice: showPractice,
};
let events = null;

function prefs() {
  return { explain_in: uiLang() };
}

function route() {
  const name = location.hash.replace(/^#\/?/, "");
  return ROUTES[name] ? name : "lessons";
}

function navigate(name) {
  if (route() === name && location.hash) render();
  else location.hash = `#/${name}`;
}

function showBanner(text, tone = "info") {
  banner.textContent = text;
  banner.className = `banner ${tone}`;
  banner.hidden = !text;
}

async function render() {
  if (!currentUser()) {
    showAuth();
    return;
  }
  const name = route();
  placeQuestion(name);
  for (const link of document.querySelectorAll("#mainnav a")) {
    if (link.dataset.route === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  await ROUTES[name](main);
  if (name !== "chat") main.querySelector(".view-title")?.focus({ preventScroll: true });
}

function signedInChrome(on) {
  document.getElementById("mainnav").hidden = !on;
  document.getElementById("account").hidden = !on;
  document.body.classList.toggle("signed-in", on);
}

function startEvents() {
  events?.close();
  events = openEvents((type, data) => {
    audioEvent(type, data);
    speechEvent(type, data);
  });
}

// ---- signing in --------------------------------------------------------------------------

function showAuth(message = "") {
  signedInChrome(false);
  document.title = "Sign in · Patient Polish Tutor";
  let mode = "in";
  const email = h("input", { id: "email", type: "email", autocomplete: "username", required: true, autofocus: true });
  const password = h("input", {
    id: "password", type: "password", autocomplete: "current-password", required: true, minlength: "10",
    "aria-describedby": "password-hint",
  });
  const hint = h("p", { class: "muted small", id: "password-hint", hidden: true }, "At least 10 characters.");
  const error = h("p", { class: "form-error", role: "alert" });
  const submit = h("button", { type: "submit", class: "primary wide" }, "Sign in");
  const tabIn = h("button", { type: "button", class: "tab", role: "tab", "aria-selected": "true", id: "tab-in" }, "Sign in");
  const tabUp = h("button", { type: "button", class: "tab", role: "tab", "aria-selected": "false", id: "tab-up" }, "Create account");
  const title = h("h1", { tabindex: "-1" }, "Witaj! Welcome.");
  const form = h("form", { class: "auth-form", novalidate: true, "aria-labelledby": "tab-in" },
    h("label", { for: "email" }, "E-mail"), email,
    h("label", { for: "password" }, "Password"), password, hint,
    error, submit);

  function setMode(next) {
    mode = next;
    tabIn.setAttribute("aria-selected", String(mode === "in"));
    tabUp.setAttribute("aria-selected", String(mode === "up"));
    form.setAttribute("aria-labelledby", mode === "in" ? "tab-in" : "tab-up");
    submit.textContent = mode === "in" ? "Sign in" : "Create account";
    password.autocomplete = mode === "in" ? "current-password" : "new-password";
    hint.hidden = mode === "in";
    error.textContent = "";
  }
  tabIn.addEventListener("click", () => setMode("in"));
  tabUp.addEventListener("click", () => setMode("up"));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    if (!email.value.includes("@")) {
      error.textContent = "Please enter your e-mail address.";
      email.focus();
      return;
    }
    if (mode === "up" && password.value.length < 10) {
      error.textContent = "Choose a password of at least 10 characters.";
      password.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = mode === "in" ? "Signing in…" : "Creating your account…";
    try {
      if (mode === "in") await signIn(email.value.trim(), password.value);
      else await signUp(email.value.trim(), password.value);
    } catch (failure) {
      // Registration answers the same for an e-mail that has an account (it does not tell who
      // has one), so signing up with it fails at the sign-in that follows.
      error.textContent = failure.status === 401 && mode === "up" ?
        "If this e-mail already has an account, sign in with its password instead." :
        failure.status === 401 ? "That e-mail and password do not match." :
          failure.status === 429 ? `Too many tries. Wait ${failure.retryAfter || "a minute"} seconds and try again.` :
            failure.status === 0 ? "The tutor cannot be reached. Is it running?" : failure.message;
      submit.disabled = false;
      setMode(mode);
      error.textContent ||= "Something went wrong.";
    }
  });

  clear(main).append(h("section", { class: "auth" },
    h("div", { class: "auth-intro" },
      title,
      h("p", { class: "lead" }, "A Polish tutor that never rushes you. Short dialogues, every mistake explained in plain words, and every line spoken aloud."),
      h("ul", { class: "perks" },
        h("li", {}, "Type without Polish letters — ", h("span", { lang: "pl" }, "zolw"), " still counts as ", h("span", { lang: "pl" }, "żółw"), "."),
        h("li", {}, "Ask for a hint, a slower repeat, or skip a line — any time."),
        h("li", {}, "Click any Polish word to hear it."))),
    h("div", { class: "auth-card" },
      h("div", { class: "tabs", role: "tablist", "aria-label": "Account" }, tabIn, tabUp),
      message ? h("p", { class: "notice", role: "status" }, message) : null,
      form)));
  email.focus();
}

// ---- wiring --------------------------------------------------------------------------------

onAuthChange((reason) => {
  if (reason === "signed-in") {
    showBanner("");
    signedInChrome(true);
    startEvents();
    loadAccount();
    if (!location.hash || location.hash === "#/") location.hash = "#/lessons";
    render();
  } else if (reason === "expired") {
    events?.close();
    forgetChat();
    forgetAccount();
    showAuth("Your session has ended (for your safety, sign-ins expire). Please sign in again — your progress is saved.");
  } else if (reason === "signed-out") {
    events?.close();
    forgetChat();
    forgetAccount();
    showAuth("You are signed out. Do zobaczenia!");
  }
});

configureChat({ prefs, navigate });

whenBlocked(() => showBanner("Your browser blocked the voice. Press ▶ Play to hear the tutor.", "info"));

const autoplay = document.getElementById("autoplay");
autoplay.checked = autoplayEnabled();
autoplay.addEventListener("change", () => setAutoplay(autoplay.checked));

const explainIn = document.getElementById("explain-in");
explainIn.value = prefs().explain_in;
explainIn.addEventListener("change", () => {
  localStorage.setItem(EXPLAIN_KEY, explainIn.value);
  // The chat, its feedback, the settings and the progress page speak the learner's language.
  relabel();
  relabelAccount();
  if (currentUser() && route() === "progress") render();
});
wireSettings();

document.getElementById("sign-out").addEventListener("click", () => signOut());

window.addEventListener("hashchange", () => render());

if (restoreAuth()) {
  signedInChrome(true);
  startEvents();
  loadAccount();
}
render();
