// Lessons, review and progress. /review and /progress may not exist yet on an older server:
// a 404 shows a friendly "not available yet" panel instead of an error.

import { api } from "./api.js";
import { speak } from "./audio.js";
import { openLesson, setLessonList, startFreePractice } from "./chat.js";
import { announce, clear, h, icon, panel, sayable } from "./dom.js";
import { featureName, genderName, genderShort, t, uiLang, valueName } from "./i18n.js";
import { placementResult } from "./placement.js";

const notYet = (what) =>
  panel(`${what} is not available yet`,
    "This part of the tutor is still being built. Your answers are saved, so it will be ready with your history when it arrives.",
    h("p", {}, h("a", { href: "#/lessons", class: "button ghost" }, "Back to lessons")));

const failed = (error, retry) =>
  panel("That did not load", error.message,
    h("p", {}, h("button", { type: "button", class: "ghost", onclick: retry }, "Try again")));

async function optional(path) {
  try {
    return await api(path);
  } catch (error) {
    if (error.status === 404 || error.status === 405 || error.status === 501) return null;
    throw error;
  }
}

function heading(text, sub) {
  document.title = `${text} · Patient Polish Tutor`;
  return h("div", { class: "view-head" },
    h("h1", { tabindex: "-1", class: "view-title" }, text),
    sub ? h("p", { class: "lead" }, sub) : null);
}

// ---- lessons ------------------------------------------------------------------------------

// Where each lesson stands: from GET /progress, else worked out from GET /sessions; lessons a
// placement quiz found known count as done ("known") until the learner plays them.
async function lessonStatus() {
  const status = new Map();
  const [progress, sessions, placement] = await Promise.all([
    optional("/progress").catch(() => null),
    api("/sessions?limit=200").catch(() => []),
    placementResult().catch(() => null),
  ]);
  for (const s of sessions || []) {
    if (!s.lesson_id) continue;
    const known = status.get(s.lesson_id) || { status: "not_started", resume: null };
    if (s.completed) known.status = "done";
    else {
      if (known.status !== "done") known.status = "in_progress";
      if (!known.resume) known.resume = s.id; // most recent unfinished session first
      known.stepsDone ??= s.step_index;
    }
    status.set(s.lesson_id, known);
  }
  for (const l of progress?.lessons || []) {
    const known = status.get(l.lesson_id) || { status: "not_started", resume: null };
    known.status = l.status;
    known.stepsDone = l.steps_done;
    known.stepsTotal = l.steps_total;
    status.set(l.lesson_id, known);
  }
  for (const id of placement?.known_lessons || []) {
    const known = status.get(id) || { status: "not_started", resume: null };
    if (known.status === "not_started") known.status = "known";
    status.set(id, known);
  }
  if (placement) status.suggested = placement.suggested_lesson_id;
  return status;
}

const STATUS_LABEL = { done: "Done", known: "Known", in_progress: "In progress", not_started: "New" };

function lessonCard(lesson, info, suggested = false) {
  const status = info?.status || "not_started";
  const finished = status === "done" || status === "known";
  const action = status === "in_progress" && info.resume ? "Continue" : status === "done" ? "Practise again"
    : status === "known" ? "Practise" : "Start";
  const steps = info?.stepsTotal ? `${info.stepsDone ?? 0}/${info.stepsTotal} lines` : "";
  return h("li", { class: `lesson-card s-${status}${suggested ? " suggested" : ""}` },
    h("div", { class: "lesson-top" },
      h("span", { class: `badge s-${status}` }, finished ? "✓ " : "", STATUS_LABEL[status] || status),
      suggested ? h("span", { class: "badge s-in_progress" }, "Start here") : null,
      steps ? h("span", { class: "muted small" }, steps) : null),
    h("h3", {}, lesson.title),
    h("p", { class: "muted" }, lesson.description),
    h("button", {
      type: "button",
      class: finished ? "ghost" : "primary",
      dataset: { lesson: lesson.id },
      "aria-label": `${action}: ${lesson.title}`,
      onclick: () => openLesson(lesson.id, {
        resumeSessionId: status === "in_progress" ? info.resume : null,
      }),
    }, action),
  );
}

export async function showLessons(main) {
  clear(main).append(heading("Lessons", "Pick a short dialogue. The tutor waits for you, explains every mistake, and reads every line aloud."));
  const body = h("div", { class: "loading-line" }, "Loading lessons…");
  main.append(body);
  let lessons;
  let status;
  try {
    [lessons, status] = await Promise.all([api("/lessons"), lessonStatus()]);
  } catch (error) {
    if (error.code === "session_expired") return;
    body.replaceWith(failed(error, () => showLessons(main)));
    return;
  }
  setLessonList(lessons);
  const free = h("section", { class: "free" },
    h("div", {},
      h("h2", {}, "Free practice"),
      h("p", { class: "muted" }, "No lesson: ask what a word means (", h("span", { lang: "pl" }, "co znaczy kawa?"),
        ") or how it changes (", h("span", { lang: "pl" }, "odmień kawa"), ").")),
    h("button", { type: "button", class: "ghost", onclick: () => startFreePractice() }, "Practise freely"));
  const placement = h("section", { class: "free", id: "placement-entry" },
    h("div", {},
      h("h2", {}, "Placement quiz"),
      h("p", { class: "muted" }, status.suggested
        ? "Your quiz suggests where to start (marked below). Take it again any time."
        : "Know some Polish already? 10 to 15 short sentences find where you should start.")),
    h("a", { href: "#/placement", class: "button ghost" }, status.suggested ? "Retake the quiz" : "Take the quiz"));
  const levels = [...new Set(lessons.map((l) => l.level))];
  const sections = levels.map((level) => {
    const list = lessons.filter((l) => l.level === level);
    const done = list.filter((l) => ["done", "known"].includes(status.get(l.id)?.status)).length;
    return h("section", { class: "level", "aria-labelledby": `level-${level}` },
      h("h2", { id: `level-${level}` }, `Level ${level}`, h("span", { class: "muted small count" }, ` ${done} of ${list.length} done`)),
      h("ul", { class: "lesson-grid" }, list.map((lesson) => lessonCard(lesson, status.get(lesson.id), lesson.id === status.suggested))));
  });
  body.replaceWith(h("div", {}, placement, ...sections, free));
}

// ---- review -------------------------------------------------------------------------------

const RATINGS = [
  ["again", "Again", "I didn't know it"],
  ["hard", "Hard", "I got it, with effort"],
  ["good", "Good", "I knew it"],
  ["easy", "Easy", "Too easy"],
];

export async function showReview(main) {
  clear(main).append(heading("Review", "Words from your lessons, when they are due. Say the answer to yourself, then check."),
    h("p", {}, h("a", { href: "#/practice", class: "button ghost", id: "daily-session" },
      "Today's review: type the words, with drills")));
  const area = h("div", { class: "loading-line" }, "Loading cards…");
  main.append(area);
  let cards;
  try {
    cards = await optional("/review/due?limit=20");
  } catch (error) {
    if (error.code === "session_expired") return;
    area.replaceWith(failed(error, () => showReview(main)));
    return;
  }
  if (cards === null) {
    area.replaceWith(notYet("Review"));
    return;
  }
  const direction = h("select", { id: "review-direction" },
    h("option", { value: "pl-en" }, "Polish → English"),
    h("option", { value: "en-pl" }, "English → Polish"));
  direction.value = localStorage.getItem("tutor.reviewDirection") || "pl-en";
  const stage = h("div", { class: "review-stage" });
  const counter = h("p", { class: "muted small", role: "status" });
  area.replaceWith(h("div", { class: "review" },
    h("div", { class: "review-bar" },
      h("label", {}, "Direction ", direction),
      counter),
    stage));
  let index = 0;
  let reviewed = 0;

  function done() {
    clear(stage).append(panel(
      reviewed ? "All done for now — dobra robota!" : "Nothing to review right now",
      reviewed ? `You reviewed ${reviewed} card${reviewed === 1 ? "" : "s"}. New ones come due as you learn.` :
        "Cards come from the lessons you practise. Come back after a lesson.",
      h("p", {}, h("a", { href: "#/lessons", class: "button primary" }, "Back to lessons"))));
    counter.textContent = "";
  }

  function show() {
    if (index >= cards.length) {
      done();
      return;
    }
    const card = cards[index];
    counter.textContent = `Card ${index + 1} of ${cards.length}`;
    const plFirst = direction.value === "pl-en";
    const polish = h("p", { class: "card-pl", lang: "pl" }, sayable(card.pl));
    const english = h("p", { class: "card-en", lang: "en" }, card.en);
    const hear = h("button", { type: "button", class: "tool", "aria-label": `Hear ${card.pl}` },
      icon("play"), "Hear it");
    hear.addEventListener("click", () => speak(card.pl, { button: hear }).catch(() => {}));
    const back = h("div", { class: "card-back", hidden: true },
      plFirst ? english : h("div", { class: "row" }, polish, hear),
      h("div", { class: "ratings", role: "group", "aria-label": "How well did you know it?" },
        RATINGS.map(([rating, label, hint], i) =>
          h("button", { type: "button", class: `rate r-${rating}`, dataset: { rating }, title: hint },
            h("span", { class: "key", "aria-hidden": "true" }, String(i + 1)), label))));
    const reveal = h("button", { type: "button", class: "primary" }, "Show answer");
    const front = h("div", { class: "card-front" },
      plFirst ? h("div", { class: "row" }, polish, hear) : english);
    const el = h("article", { class: "flashcard", "aria-live": "polite" }, front, reveal, back);
    reveal.addEventListener("click", () => {
      reveal.hidden = true;
      back.hidden = false;
      back.querySelector(".r-good").focus();
      if (!plFirst) speak(card.pl).catch(() => {});
    });
    back.addEventListener("click", async (event) => {
      const button = event.target.closest("[data-rating]");
      if (!button) return;
      for (const b of back.querySelectorAll("[data-rating]")) b.disabled = true;
      try {
        await api(`/review/${encodeURIComponent(card.card_id)}`, { body: { rating: button.dataset.rating } });
        reviewed++;
        index++;
        announce(`Rated ${button.dataset.rating}.`);
        show();
      } catch (error) {
        for (const b of back.querySelectorAll("[data-rating]")) b.disabled = false;
        if (error.code !== "session_expired") announce(error.message);
      }
    });
    el.addEventListener("keydown", (event) => {
      if (back.hidden || !/^[1-4]$/.test(event.key)) return;
      back.querySelectorAll("[data-rating]")[Number(event.key) - 1].click();
    });
    clear(stage).append(el);
    reveal.focus();
  }

  direction.addEventListener("change", () => {
    localStorage.setItem("tutor.reviewDirection", direction.value);
    show();
  });
  if (!cards.length) done();
  else show();
}

// ---- progress -----------------------------------------------------------------------------

// GET /progress speaks NKJP (case nom gen …, gender m1 m2 m3 f n and m1.m2.m3, person pri sec
// ter, aspect imperf perf …): the page names them as a teacher does, in the learner's language
// (i18n.js), in the cells, their headers, tooltips and labels alike.
const CASES = ["nom", "gen", "dat", "acc", "inst", "loc", "voc"];
const GENDERS = ["m1", "m2", "m3", "f", "n"];
const PERSONS = ["pri", "sec", "ter"];
const LEVELS = ["A1", "A2", "B1"];

function mastery(item) {
  let m = Number(item.mastery);
  if (!Number.isFinite(m)) {
    const seen = (item.correct || 0) + (item.wrong || 0);
    m = seen ? item.correct / seen : 0;
  }
  return m > 1 ? m / 100 : Math.max(0, m);
}

// Three colours a learner can read (the key under the grids says which is which).
function band(m) {
  return m >= 0.8 ? "strong" : m >= 0.5 ? "fair" : "weak";
}

function cell(item, where) {
  if (!item) {
    const label = where ? `${where}: ${t("notPractised")}` : t("notPractised");
    return h("td", { class: "cell empty", title: label, "aria-label": label }, h("span", { "aria-hidden": "true" }, "·"));
  }
  const m = mastery(item);
  const detail = t("cellDetail", t("band")[band(m)], Math.round(m * 100), item.correct || 0, item.wrong || 0);
  const label = where ? `${where}: ${detail}` : detail;
  return h("td", { class: `cell ${band(m)}`, title: label, "aria-label": label, dataset: { band: band(m) } }, `${Math.round(m * 100)}`);
}

// A column or row header: short on screen, the full name for screen readers and on hover.
function nameHeader(scope, short, full) {
  if (short === full) return h("th", { scope }, full);
  return h("th", { scope, title: full },
    h("span", { "aria-hidden": "true" }, short), h("span", { class: "visually-hidden" }, full));
}

function caseGrid(items) {
  const extra = [...new Set(items.map((i) => i.gender || ""))].filter((g) => !GENDERS.includes(g));
  const genders = [...GENDERS, ...extra];
  const byKey = new Map(items.map((i) => [`${i.value}|${i.gender || ""}`, i]));
  const values = [...CASES, ...new Set(items.map((i) => i.value).filter((v) => !CASES.includes(v)))];
  return h("table", { class: "grid cases" },
    h("caption", {}, t("casesByGender")),
    h("thead", {}, h("tr", {}, h("td", {}),
      genders.map((g) => nameHeader("col", g ? genderShort(g) : "—", genderName(g))))),
    h("tbody", {}, values.map((v) => h("tr", {},
      h("th", { scope: "row" }, valueName("case", v)),
      genders.map((g) => cell(byKey.get(`${v}|${g}`), `${valueName("case", v)}, ${genderName(g)}`))))));
}

function personGrid(items) {
  const byValue = new Map(items.map((i) => [i.value, i]));
  const values = [...PERSONS, ...new Set(items.map((i) => i.value).filter((v) => !PERSONS.includes(v)))];
  return h("table", { class: "grid persons" },
    h("caption", {}, t("verbsByPerson")),
    h("thead", {}, h("tr", {}, values.map((v) => h("th", { scope: "col" }, valueName("person", v))))),
    h("tbody", {}, h("tr", {}, values.map((v) => cell(byValue.get(v), valueName("person", v))))));
}

function skillName(item) {
  if (item.feature === "case") return `${valueName("case", item.value)}, ${genderName(item.gender || "")}`;
  if (item.feature === "person") return valueName("person", item.value);
  if (item.feature === "diacritics") return t("polishLetters");
  return `${featureName(item.feature)}: ${valueName(item.feature, item.value)}`;
}

function otherGrid(items) {
  return h("table", { class: "grid others" },
    h("caption", {}, t("otherSkills")),
    h("tbody", {}, items.map((i) => h("tr", {}, h("th", { scope: "row" }, skillName(i)), cell(i, skillName(i))))));
}

// The colour key: what each colour of the grids means, in words.
function colourKey() {
  const swatch = (kind, text) => h("li", {}, h("span", { class: `swatch cell ${kind}`, "aria-hidden": "true" }), text);
  return h("div", { class: "colour-key" },
    h("ul", { "aria-label": t("colourKey") },
      swatch("weak", t("keyWeak")), swatch("fair", t("keyFair")), swatch("strong", t("keyStrong")),
      swatch("empty", t("keyEmpty"))),
    h("p", { class: "muted small" }, t("legend")));
}

// Where the learner is weakest: the cells below "strong", weakest first (most wrong on a tie).
function weakest(items) {
  const weak = items
    .filter((i) => (i.correct || 0) + (i.wrong || 0) > 0 && mastery(i) < 0.8)
    .sort((a, b) => mastery(a) - mastery(b) || (b.wrong || 0) - (a.wrong || 0))
    .slice(0, 3);
  if (!weak.length) return null;
  return h("section", { class: "weakest", "aria-labelledby": "weakest-title" },
    h("h2", { id: "weakest-title" }, t("workOnNext")),
    h("ul", {}, weak.map((i) => h("li", { class: band(mastery(i)) },
      h("span", { class: "skill" }, skillName(i)), " ",
      h("span", { class: "muted small" }, t("rightOfAll", i.correct || 0, (i.correct || 0) + (i.wrong || 0)))))),
    // the Practice page's drills aim at the weakest cells
    h("p", { class: "weakest-action" }, h("a", { href: "#/practice", class: "button ghost" }, t("practiseWeakest"))));
}

function levelRows(progress, lessons) {
  const given = new Map((progress.levels || []).map((l) => [l.level, l]));
  const rows = progress.lessons?.length ? progress.lessons : [];
  return LEVELS.map((level) => {
    if (given.has(level)) return given.get(level);
    // an older server: count from the lesson rows
    const mine = rows.filter((l) => l.level === level);
    return {
      level,
      lessons_total: mine.length || lessons.filter((l) => l.level === level).length,
      lessons_done: mine.filter((l) => l.status === "done").length,
      lessons_in_progress: mine.filter((l) => l.status === "in_progress").length,
    };
  }).filter((l) => l.lessons_total > 0);
}

function levelSection(levels) {
  return h("section", { class: "levels", "aria-labelledby": "levels-title" },
    h("h2", { id: "levels-title" }, t("lessonsByLevel")),
    h("ul", {}, levels.map((l) => {
      const text = t("levelDone", l.lessons_done, l.lessons_total, l.lessons_in_progress);
      return h("li", { class: "level-row", dataset: { level: l.level } },
        h("span", { class: "level-name" }, h("strong", {}, l.level), " ", h("span", { class: "muted small" }, t("levelName")[l.level] || "")),
        h("progress", { max: String(l.lessons_total), value: String(l.lessons_done), "aria-label": `${l.level}: ${text}` }),
        h("span", { class: "level-count" }, text));
    })));
}

function activityTiles(activity, progress, lessonCount) {
  const done = (progress.lessons || []).filter((l) => l.status === "done").length;
  const streak = activity?.streak_days ?? 0;
  const streakNote = !activity ? null
    : activity.practised_today ? t("practisedToday")
      : streak ? t("keepStreak") : t("startStreak");
  const tile = (id, big, label, note, title) => h("div", { class: "tile", id, title },
    h("span", { class: "big" }, big), h("span", {}, label),
    note ? h("span", { class: "small note" }, note) : null);
  return h("div", { class: "tiles" },
    activity ? tile("tile-streak", String(streak), t("daysInARow", streak), streakNote,
      t("longestStreak", activity.longest_streak_days ?? streak, activity.days_practised ?? 0)) : null,
    activity ? tile("tile-time", duration(activity.time_spent_seconds ?? 0), t("timePractising"),
      t("today", duration(activity.time_today_seconds ?? 0)), t("timeHow")) : null,
    tile("tile-lessons", String(done), t("lessonsDone", lessonCount)),
    tile("tile-words", String(progress.words_learned ?? 0), t("wordsLearned")));
}

// 0 → "0 min", 40 s → "< 1 min", 3 h 5 min → "3 h 5 min" ("3 godz. 5 min" in Polish).
function duration(seconds) {
  const minutes = Math.floor(seconds / 60);
  if (seconds > 0 && minutes === 0) return t("underAMinute");
  const hours = Math.floor(minutes / 60);
  return hours ? t("hoursMinutes", hours, minutes % 60) : t("minutes", minutes);
}

// The learner's own days (the streak): the browser's time zone, or UTC if the server does not
// know it.
async function fetchProgress() {
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    zone = "";
  }
  if (!zone) return optional("/progress");
  try {
    return await optional(`/progress?tz=${encodeURIComponent(zone)}`);
  } catch (error) {
    if (error.status === 422) return optional("/progress");
    throw error;
  }
}

export async function showProgress(main) {
  const lang = uiLang();
  clear(main).append(heading(t("progress"), t("progressLead")));
  main.querySelector(".view-head").lang = lang;
  const area = h("div", { class: "loading-line", lang }, t("loading"));
  main.append(area);
  let progress;
  let lessons;
  try {
    [progress, lessons] = await Promise.all([fetchProgress(), api("/lessons")]);
  } catch (error) {
    if (error.code === "session_expired") return;
    area.replaceWith(failed(error, () => showProgress(main)));
    return;
  }
  if (progress === null) {
    area.replaceWith(notYet("Progress"));
    return;
  }
  const items = [...(progress.features || []), ...(progress.person || []).map((p) => ({ feature: "person", ...p }))];
  const cases = items.filter((i) => i.feature === "case");
  const persons = items.filter((i) => i.feature === "person");
  const others = items.filter((i) => i.feature !== "case" && i.feature !== "person");
  const lessonRows = progress.lessons || [];
  const titles = new Map(lessons.map((l) => [l.id, l]));
  const grids = [];
  if (items.length) {
    grids.push(caseGrid(cases));
    grids.push(h("div", { class: "grid-stack" }, personGrid(persons), others.length ? otherGrid(others) : null));
  }
  area.replaceWith(h("div", { class: "progress", lang },
    activityTiles(progress.activity, progress, lessons.length),
    levelSection(levelRows(progress, lessons)),
    weakest(items),
    h("section", { class: "grids", "aria-label": t("grammarMastery") },
      grids.length ? grids : h("p", { class: "muted" }, t("noGrammarYet")),
      grids.length ? colourKey() : null),
    h("section", { "aria-labelledby": "lessons-progress" },
      h("h2", { id: "lessons-progress" }, t("lessons")),
      h("ul", { class: "lesson-progress" }, (lessonRows.length ? lessonRows : lessons.map((l) => ({ lesson_id: l.id, title: l.title, level: l.level, status: "not_started" })))
        .map((l) => h("li", { class: `s-${l.status}` },
          h("span", { class: `badge s-${l.status}` }, t("status")[l.status] || t("status").not_started),
          " ", h("span", { lang: "en" }, l.title || titles.get(l.lesson_id)?.title || l.lesson_id), " ",
          l.steps_total ? h("span", { class: "muted small" }, `${l.steps_done}/${l.steps_total}`) : null))))));
}
