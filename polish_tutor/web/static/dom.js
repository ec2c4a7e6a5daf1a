// Small DOM helpers. Everything is built with createElement/textContent: no innerHTML,
// so nothing the server or the learner wrote can become markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// A word as the language engine counts words (polish_tutor/language/text.py WORD_RE).
export const WORD_RE = /[\p{L}\p{M}\p{N}_]+(?:[-'’][\p{L}\p{M}\p{N}_]+)*/gu;

// Words and the text between them: [{word, index, text}] with index = -1 for separators.
export function splitWords(text) {
  const parts = [];
  let last = 0;
  let index = 0;
  for (const match of text.matchAll(WORD_RE)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), index: -1 });
    parts.push({ text: match[0], word: match[0], index: index++ });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), index: -1 });
  return parts;
}

// Polish words become clickable (click or Enter is handled by delegation on the transcript).
export function sayable(text, { lang = "pl" } = {}) {
  const span = h("span", { lang });
  for (const part of splitWords(text)) {
    if (part.index < 0 || /^\d+$/.test(part.word)) span.append(part.text);
    else span.append(h("span", { class: "w", dataset: { say: part.word } }, part.text));
  }
  return span;
}

// "*kawa* → *kawę*" — the explanations mark words with asterisks; show them as emphasis.
export function emphasised(text, { say = false } = {}) {
  const frag = document.createDocumentFragment();
  const pieces = String(text).split(/\*([^*]+)\*/);
  pieces.forEach((piece, i) => {
    if (!piece) return;
    if (i % 2 === 1) frag.append(h("em", { lang: "pl" }, say ? sayable(piece) : piece));
    else frag.append(piece);
  });
  return frag;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function announce(text) {
  const region = document.getElementById("announcer");
  region.textContent = "";
  // A tick later, so the same words twice are announced twice.
  setTimeout(() => { region.textContent = text; }, 50);
}

export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function panel(title, text, ...extra) {
  return h("section", { class: "panel soft" }, h("h2", {}, title), h("p", {}, text), ...extra);
}

// Line icons drawn as inline SVG (no icon font, no emoji font needed).
const ICONS = {
  play: ["M8 5.5v13l10.5-6.5z", true],
  slow: ["M12 21a9 9 0 1 1 9-9 M12 7v5l-3 2", false],
  hint: ["M9 18h6 M10 21h4 M12 3a6 6 0 0 0-4 10.5c.6.6 1 1.4 1 2.5h6c0-1.1.4-1.9 1-2.5A6 6 0 0 0 12 3z", false],
  repeat: ["M17 2l4 4-4 4 M3 11V9a3 3 0 0 1 3-3h15 M7 22l-4-4 4-4 M21 13v2a3 3 0 0 1-3 3H3", false],
  skip: ["M5 4l10 8-10 8z M19 5v14", false],
  speaker: ["M11 5L6 9H2v6h4l5 4z M15.5 8.5a5 5 0 0 1 0 7 M19 5a10 10 0 0 1 0 14", false],
  check: ["M4 12.5l5 5L20 6.5", false],
};

export function icon(name) {
  const ns = "http://www.w3.org/2000/svg";
  const [d, filled] = ICONS[name];
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", `icon icon-${name}`);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", d);
  if (filled) path.setAttribute("fill", "currentColor");
  else {
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "2");
    path.setAttribute("stroke-linecap", "round");
    path.setAttribute("stroke-linejoin", "round");
  }
  svg.append(path);
  return svg;
}
