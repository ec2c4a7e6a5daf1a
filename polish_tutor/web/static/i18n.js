// The page's words in the learner's language: English, or Polish when the learner chose Polish
// explanations (explain_in = pl). The chat, its feedback, the gender question, the settings and
// the progress page follow it. Grammar is named as a teacher names it, never by its NKJP tag
// (m1, m1.m2.m3, pri, imperf … never reach the learner).

export const EXPLAIN_KEY = "tutor.explainIn";

export function uiLang() {
  return localStorage.getItem(EXPLAIN_KEY) === "pl" ? "pl" : "en";
}

const WORDS = {
  en: {
    // chat
    send: "Send",
    answerLabel: "Your answer in Polish",
    letters: "Polish letters (Shift for capitals)",
    insert: (letter) => `Insert ${letter}`,
    askTutor: "Ask the tutor",
    hint: "Hint",
    hintTitle: "A hint (pomoc)",
    repeat: "Repeat",
    repeatTitle: "Say the line again, slower (powtórz)",
    skip: "Skip",
    skipTitle: "Skip this line (dalej)",
    noLetters: "No Polish letters on your keyboard? Type without them — it still counts.",
    chat: "Chat",
    allLessons: "All lessons",
    lessonProgress: "Lesson progress",
    conversation: "Conversation with the tutor",
    freePractice: "Free practice",
    noLesson: "No lesson — ask about words",
    lessonNumber: (level, order) => `${level} · Lesson ${order}`,
    lessonComplete: "Lesson complete",
    lineOf: (n, total) => `Line ${n} of ${total}`,
    lessonStarted: "Lesson started",
    practiceStarted: "Free conversation",
    checking: "Checking…",
    playRecording: "Play my recording",
    myRecording: "My recording",
    youSaid: "You said",
    youSaidSpoken: "You said (spoken)",
    shouldBe: (word, fix) => `${word}, should be ${fix}`,
    notClear: "not clear",
    tutorHeard: "The tutor heard: ",
    expected: "Expected: ",
    notClearLabel: "Not clear: ",
    recordingNotMistake: " — that is the recording, not a mistake.",
    correct: "✓ Correct!",
    accepted: "✓ Accepted",
    rightAnswer: "Right answer.",
    rightAnswerWritten: "Right answer — here is how it is written:",
    howWritten: "Here is how it is written:",
    almost: "Almost there",
    fixTogether: "Let's fix it together — no rush.",
    sayAgain: "Say it again",
    recordingUnclear: "A recording is not always clear — no rush.",
    written: "Written: ",
    tutor: "Tutor",
    playReply: "Play the tutor's reply",
    play: "Play",
    playSlower: "Play it slower",
    slower: "Slower",
    english: "English",
    speak: "Speak",
    stop: "Stop",
    listening: "Listening…",
    speakLabel: "Speak your answer: hold to talk, or press to start and again to stop",
    speakTitle: "Hold to talk, or press once to start and again to stop (Space)",
    micLevel: "Microphone level",
    completeTitle: " Lesson complete — gratulacje!",
    next: (title) => `Next: ${title}`,
    reviewWords: "Review words",
    completePlaceholder: "Lesson complete — pick another one",
    slowDown: (seconds) => `Slow down a little — try again in ${seconds || "a few"} seconds.`,
    unreachable: "The tutor cannot be reached — your answer is still in the box.",
    conversationGone: "That conversation is gone. Pick a lesson to start again.",
    conversationMissing: "That conversation is no longer here. Pick a lesson to begin.",
    loading: "Loading…",
    earlier: "Show earlier turns",
    // issue tags
    issue: {
      diacritics: "Polish letters", typo: "Spelling", wrong_word: "Word choice",
      missing_word: "Missing word", extra_word: "Extra word", word_order: "Word order",
    },
    feature: {
      case: "Case", number: "Number", gender: "Gender", person: "Person",
      tense: "Tense", aspect: "Aspect", degree: "Degree",
    },
    wordForm: "Word form",
    note: "Note",
    // the learner's gender
    genderQuestion: "How should the tutor address you?",
    genderWhy: "Polish says some things differently for a woman and a man: ",
    genderWhyEnd: " You can change this any time in Settings.",
    genderOptions: {
      feminine: ["As a woman", "byłaś"],
      masculine: ["As a man", "byłeś"],
      none: ["Rather not say", "both forms count"],
    },
    genderSaved: {
      feminine: "Saved: the tutor addresses you as a woman.",
      masculine: "Saved: the tutor addresses you as a man.",
      none: "Saved: the tutor shows both forms and accepts either.",
    },
    genderFailed: "That did not save — try again, or change it later in Settings.",
    settings: "Settings",
    explainLabel: "Explanations",
    genderLabel: "The tutor addresses me",
    genderSelect: {
      feminine: "as a woman (byłaś)",
      masculine: "as a man (byłeś)",
      none: "either way (byłeś/byłaś)",
    },
    // progress
    progress: "Progress",
    progressLead: "What you have mastered so far. Every answer counts, right or wrong.",
    progressMissing: "Progress is not available yet",
    lessons: "Lessons",
    lessonsDone: (total) => `of ${total} lessons done`,
    inProgress: "in progress",
    wordsLearned: "words learned",
    grammarMastery: "Grammar mastery",
    noGrammarYet: "Answer a few lesson lines and your grammar map appears here.",
    legend: "Numbers are the % of right answers. Point at a cell to see how many answers were right and wrong.",
    casesByGender: "Cases × gender",
    verbsByPerson: "Verbs by person",
    otherSkills: "Other skills",
    polishLetters: "Polish letters",
    notPractised: "not practised",
    cellDetail: (word, pct, right, wrong) => `${word}, ${pct}% — ${right} right, ${wrong} wrong`,
    status: { done: "Done", in_progress: "In progress", not_started: "New" },
    band: { weak: "needs work", fair: "getting there", strong: "strong" },
    colourKey: "What the colours mean",
    keyWeak: "Needs work (under 50% right)",
    keyFair: "Getting there (50–79%)",
    keyStrong: "Strong (80% or more)",
    keyEmpty: "Not practised yet",
    workOnNext: "Work on next",
    practiseWeakest: "Practise these now",
    rightOfAll: (right, all) => `${right} of ${all} right`,
    lessonsByLevel: "Lessons by level",
    levelName: { A1: "Beginner", A2: "Elementary", B1: "Intermediate" },
    levelDone: (done, total, started) => `${done} of ${total} done${started ? ` · ${started} in progress` : ""}`,
    daysInARow: (n) => (n === 1 ? "day in a row" : "days in a row"),
    practisedToday: "Practised today ✓",
    keepStreak: "Practise today to keep it going",
    startStreak: "Practise today to start a streak",
    longestStreak: (longest, days) => `Longest streak: ${longest} ${longest === 1 ? "day" : "days"}. Days practised: ${days}.`,
    timePractising: "time practising",
    today: (time) => `Today: ${time}`,
    timeHow: "Counted from your answers and reviews; a pause of more than 10 minutes is left out.",
    minutes: (m) => `${m} min`,
    hoursMinutes: (hours, m) => `${hours} h ${m} min`,
    underAMinute: "< 1 min",
  },
  pl: {
    send: "Wyślij",
    answerLabel: "Twoja odpowiedź po polsku",
    letters: "Polskie litery (z klawiszem Shift — wielkie)",
    insert: (letter) => `Wstaw ${letter}`,
    askTutor: "Poproś nauczyciela",
    hint: "Podpowiedź",
    hintTitle: "Podpowiedź (pomoc)",
    repeat: "Powtórz",
    repeatTitle: "Powtórz kwestię wolniej (powtórz)",
    skip: "Dalej",
    skipTitle: "Pomiń tę kwestię (dalej)",
    noLetters: "Nie masz polskich liter na klawiaturze? Pisz bez nich — to też się liczy.",
    chat: "Rozmowa",
    allLessons: "Wszystkie lekcje",
    lessonProgress: "Postęp lekcji",
    conversation: "Rozmowa z nauczycielem",
    freePractice: "Swobodna praktyka",
    noLesson: "Bez lekcji — pytaj o słowa",
    lessonNumber: (level, order) => `${level} · Lekcja ${order}`,
    lessonComplete: "Lekcja ukończona",
    lineOf: (n, total) => `Kwestia ${n} z ${total}`,
    lessonStarted: "Początek lekcji",
    practiceStarted: "Swobodna rozmowa",
    checking: "Sprawdzam…",
    playRecording: "Odtwórz moje nagranie",
    myRecording: "Moje nagranie",
    youSaid: "Twoja odpowiedź",
    youSaidSpoken: "Twoja odpowiedź (nagrana)",
    shouldBe: (word, fix) => `${word}, powinno być ${fix}`,
    notClear: "niewyraźne",
    tutorHeard: "Nauczyciel usłyszał: ",
    expected: "Oczekiwana odpowiedź: ",
    notClearLabel: "Niewyraźne: ",
    recordingNotMistake: " — to wina nagrania, nie błąd.",
    correct: "✓ Dobrze!",
    accepted: "✓ Zaliczone",
    rightAnswer: "Dobra odpowiedź.",
    rightAnswerWritten: "Dobra odpowiedź — a tak się ją pisze:",
    howWritten: "Tak się to pisze:",
    almost: "Prawie dobrze",
    fixTogether: "Poprawimy to razem — bez pośpiechu.",
    sayAgain: "Powiedz to jeszcze raz",
    recordingUnclear: "Nagranie nie zawsze jest wyraźne — bez pośpiechu.",
    written: "Pisownia: ",
    tutor: "Nauczyciel",
    playReply: "Posłuchaj odpowiedzi nauczyciela",
    play: "Posłuchaj",
    playSlower: "Posłuchaj wolniej",
    slower: "Wolniej",
    english: "Po angielsku",
    speak: "Mów",
    stop: "Stop",
    listening: "Słucham…",
    speakLabel: "Powiedz odpowiedź: przytrzymaj i mów albo naciśnij raz, żeby zacząć, i drugi raz, żeby skończyć",
    speakTitle: "Przytrzymaj i mów albo naciśnij raz, żeby zacząć, i drugi raz, żeby skończyć (spacja)",
    micLevel: "Poziom mikrofonu",
    completeTitle: " Lekcja ukończona — gratulacje!",
    next: (title) => `Następna: ${title}`,
    reviewWords: "Powtórz słówka",
    completePlaceholder: "Lekcja ukończona — wybierz następną",
    slowDown: (seconds) => `Trochę wolniej — spróbuj ponownie za ${seconds ? `${seconds} s` : "kilka sekund"}.`,
    unreachable: "Nie ma połączenia z nauczycielem — twoja odpowiedź wciąż jest w polu.",
    conversationGone: "Tej rozmowy już nie ma. Wybierz lekcję, żeby zacząć od nowa.",
    conversationMissing: "Tej rozmowy już tu nie ma. Wybierz lekcję, żeby zacząć.",
    loading: "Ładowanie…",
    earlier: "Pokaż wcześniejsze wypowiedzi",
    issue: {
      diacritics: "Polskie litery", typo: "Pisownia", wrong_word: "Wybór słowa",
      missing_word: "Brakujące słowo", extra_word: "Zbędne słowo", word_order: "Szyk wyrazów",
    },
    feature: {
      case: "Przypadek", number: "Liczba", gender: "Rodzaj", person: "Osoba",
      tense: "Czas", aspect: "Aspekt", degree: "Stopień",
    },
    wordForm: "Forma wyrazu",
    note: "Uwaga",
    genderQuestion: "Jak nauczyciel ma się do ciebie zwracać?",
    genderWhy: "Po polsku kobieta i mężczyzna mówią niektóre rzeczy inaczej: ",
    genderWhyEnd: " Możesz to zmienić w każdej chwili w Ustawieniach.",
    genderOptions: {
      feminine: ["Jak do kobiety", "byłaś"],
      masculine: ["Jak do mężczyzny", "byłeś"],
      none: ["Wolę nie mówić", "obie formy się liczą"],
    },
    genderSaved: {
      feminine: "Zapisane: nauczyciel zwraca się do ciebie jak do kobiety.",
      masculine: "Zapisane: nauczyciel zwraca się do ciebie jak do mężczyzny.",
      none: "Zapisane: nauczyciel pokazuje obie formy i przyjmuje każdą z nich.",
    },
    genderFailed: "Nie udało się zapisać — spróbuj jeszcze raz albo zmień to później w Ustawieniach.",
    settings: "Ustawienia",
    explainLabel: "Wyjaśnienia",
    genderLabel: "Nauczyciel zwraca się do mnie",
    genderSelect: {
      feminine: "jak do kobiety (byłaś)",
      masculine: "jak do mężczyzny (byłeś)",
      none: "obojętnie (byłeś/byłaś)",
    },
    progress: "Postępy",
    progressLead: "Co już umiesz. Liczy się każda odpowiedź — dobra i zła.",
    progressMissing: "Postępy nie są jeszcze dostępne",
    lessons: "Lekcje",
    lessonsDone: (total) => `ukończonych lekcji (z ${total})`,
    inProgress: "w trakcie",
    wordsLearned: "opanowanych słów",
    grammarMastery: "Opanowanie gramatyki",
    noGrammarYet: "Odpowiedz na kilka kwestii z lekcji, a tu pojawi się twoja mapa gramatyki.",
    legend: "Liczby to odsetek dobrych odpowiedzi. Najedź na pole, żeby zobaczyć, ile odpowiedzi było dobrych, a ile złych.",
    casesByGender: "Przypadki × rodzaj",
    verbsByPerson: "Czasowniki według osoby",
    otherSkills: "Inne umiejętności",
    polishLetters: "Polskie litery",
    notPractised: "jeszcze nie ćwiczone",
    cellDetail: (word, pct, right, wrong) => `${word}, ${pct}% — dobrze: ${right}, źle: ${wrong}`,
    status: { done: "Ukończona", in_progress: "W trakcie", not_started: "Nowa" },
    band: { weak: "do poprawy", fair: "coraz lepiej", strong: "dobrze opanowane" },
    colourKey: "Co znaczą kolory",
    keyWeak: "Do poprawy (poniżej 50% dobrych odpowiedzi)",
    keyFair: "Coraz lepiej (50–79%)",
    keyStrong: "Dobrze opanowane (80% i więcej)",
    keyEmpty: "Jeszcze nie ćwiczone",
    workOnNext: "Do poćwiczenia",
    practiseWeakest: "Poćwicz je teraz",
    rightOfAll: (right, all) => `dobrze: ${right} z ${all}`,
    lessonsByLevel: "Lekcje według poziomu",
    levelName: { A1: "początkujący", A2: "podstawowy", B1: "średnio zaawansowany" },
    levelDone: (done, total, started) => `ukończone: ${done} z ${total}${started ? ` · w trakcie: ${started}` : ""}`,
    daysInARow: (n) => (n === 1 ? "dzień z rzędu" : "dni z rzędu"),
    practisedToday: "Dzisiaj zrobione ✓",
    keepStreak: "Poćwicz dziś, żeby nie przerwać serii",
    startStreak: "Poćwicz dziś i zacznij serię",
    longestStreak: (longest, days) => `Najdłuższa seria: ${longest} ${longest === 1 ? "dzień" : "dni"}. Dni nauki: ${days}.`,
    timePractising: "czas nauki",
    today: (time) => `Dzisiaj: ${time}`,
    timeHow: "Liczone od twoich odpowiedzi i powtórek; przerwa dłuższa niż 10 minut się nie liczy.",
    minutes: (m) => `${m} min`,
    hoursMinutes: (hours, m) => `${hours} godz. ${m} min`,
    underAMinute: "< 1 min",
  },
};

// t("almost") → "Almost there" / "Prawie dobrze"; a function entry is called with the arguments.
export function t(key, ...args) {
  const lang = uiLang();
  const entry = WORDS[lang][key] ?? WORDS.en[key];
  return typeof entry === "function" ? entry(...args) : entry;
}

// ---- grammar as a teacher names it ----------------------------------------------------------

const NAMES = {
  en: {
    case: {
      nom: "Nominative", gen: "Genitive", dat: "Dative", acc: "Accusative",
      inst: "Instrumental", loc: "Locative", voc: "Vocative",
    },
    gender: {
      m1: "masculine personal", m2: "masculine animate", m3: "masculine inanimate",
      m: "masculine", f: "feminine", n: "neuter", n1: "neuter", n2: "neuter",
      masculine: "masculine", nonPersonal: "non-masculine-personal", any: "any gender",
    },
    genderShort: { m1: "masc. pers.", m2: "masc. anim.", m3: "masc. inan.", f: "fem.", n: "neut." },
    person: { pri: "1st person", sec: "2nd person", ter: "3rd person" },
    aspect: { imperf: "imperfective", perf: "perfective" },
    number: { sg: "singular", pl: "plural" },
    tense: {
      fin: "present", "fin:perf": "simple future (perfective)", praet: "past", fut: "future",
      bedzie: "future with być", impt: "imperative", inf: "infinitive", cond: "conditional",
      imps: "impersonal form", ger: "verbal noun", pact: "active participle",
      ppas: "passive participle", pcon: "adverbial participle (-ąc)",
      pant: "adverbial participle (-wszy)",
    },
    degree: { pos: "basic form", com: "comparative", sup: "superlative" },
    other: "other",
  },
  pl: {
    case: {
      nom: "Mianownik", gen: "Dopełniacz", dat: "Celownik", acc: "Biernik",
      inst: "Narzędnik", loc: "Miejscownik", voc: "Wołacz",
    },
    gender: {
      m1: "męskoosobowy", m2: "męskozwierzęcy", m3: "męskorzeczowy",
      m: "męski", f: "żeński", n: "nijaki", n1: "nijaki", n2: "nijaki",
      masculine: "męski", nonPersonal: "niemęskoosobowy", any: "dowolny rodzaj",
    },
    genderShort: { m1: "męskoos.", m2: "męskozw.", m3: "męskorz.", f: "żeński", n: "nijaki" },
    person: { pri: "1. osoba", sec: "2. osoba", ter: "3. osoba" },
    aspect: { imperf: "niedokonany", perf: "dokonany" },
    number: { sg: "pojedyncza", pl: "mnoga" },
    tense: {
      fin: "teraźniejszy", "fin:perf": "przyszły prosty (dokonany)", praet: "przeszły",
      fut: "przyszły", bedzie: "przyszły z być", impt: "tryb rozkazujący", inf: "bezokolicznik",
      cond: "tryb przypuszczający", imps: "forma bezosobowa", ger: "rzeczownik odczasownikowy",
      pact: "imiesłów przymiotnikowy czynny", ppas: "imiesłów przymiotnikowy bierny",
      pcon: "imiesłów przysłówkowy współczesny", pant: "imiesłów przysłówkowy uprzedni",
    },
    degree: { pos: "równy", com: "wyższy", sup: "najwyższy" },
    other: "inne",
  },
};

const MASCULINE = ["m1", "m2", "m3"];

function names() {
  return NAMES[uiLang()];
}

// A gender value as GET /progress writes it (m1, f, m1.m2.m3, m2.m3.f.n, "") in words.
export function genderName(value) {
  const g = names().gender;
  if (!value) return g.any;
  if (g[value]) return g[value];
  const tags = [...new Set(String(value).split("."))];
  if (tags.length === 4 && ["m2", "m3", "f", "n"].every((x) => tags.includes(x))) return g.nonPersonal;
  if (MASCULINE.every((x) => tags.includes(x)) && tags.length === 3) return g.masculine;
  return joinNames(tags.map((x) => g[x]));
}

// The short column header of a gender in the case grid (the full name goes with it).
export function genderShort(value) {
  return names().genderShort[value] || genderName(value);
}

function joinNames(list) {
  const known = [...new Set(list.filter(Boolean))];
  return known.length ? known.join(" / ") : names().other;
}

// A value of a feature (case acc, person pri, aspect imperf, number sg …), combined values
// (gen.acc) included, in words; a tag this page does not know shows as "other", never raw.
export function valueName(feature, value) {
  if (feature === "gender") return genderName(value);
  const table = names()[feature] || {};
  if (!value) return "—";
  if (table[value]) return table[value];
  const pieces = String(value).split(".");
  return joinNames(pieces.map((piece) => table[piece] || findName(piece)));
}

function findName(tag) {
  for (const feature of ["case", "person", "aspect", "number", "tense", "degree", "gender"]) {
    const name = names()[feature][tag];
    if (name) return name;
  }
  return null;
}

export function featureName(feature) {
  return t("feature")[feature] || names().other;
}
