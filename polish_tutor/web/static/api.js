// The API client: tokens, silent refresh, JSON errors, and the event stream.
//
// Tokens live in memory and in sessionStorage (this tab only, gone when it closes). They are
// sent as a Bearer header, never as cookies, so another site cannot make the browser use them
// (no CSRF); the CSP (script-src 'self') keeps injected scripts from reading them.
//
// Refresh tokens rotate and presenting a used one revokes the whole login, so there is exactly
// one refresh in flight at a time: every caller awaits the same promise.

import { sleep } from "./dom.js";
import { createParser } from "./vendor/eventsource-parser.js";

const STORE = "tutor.auth";
const REFRESH_AHEAD_MS = 60_000;

let auth = null; // {access, refresh, expiresAt, email}
let refreshing = null;
let timer = null;
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

export function onAuthChange(fn) {
  listeners.add(fn);
}

function emit(reason) {
  for (const fn of listeners) fn(reason, auth);
}

export function currentUser() {
  return auth ? { email: auth.email } : null;
}

export function restoreAuth() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORE) || "null");
    if (saved && saved.access && saved.refresh) {
      auth = saved;
      schedule();
    }
  } catch {
    auth = null;
  }
  return currentUser();
}

function setTokens(pair, email) {
  auth = {
    access: pair.access_token,
    refresh: pair.refresh_token,
    expiresAt: Date.now() + (pair.expires_in || 900) * 1000,
    email: email ?? auth?.email ?? "",
  };
  sessionStorage.setItem(STORE, JSON.stringify(auth));
  schedule();
}

function forget() {
  auth = null;
  clearTimeout(timer);
  sessionStorage.removeItem(STORE);
}

function schedule() {
  clearTimeout(timer);
  if (!auth) return;
  const wait = Math.max(auth.expiresAt - Date.now() - REFRESH_AHEAD_MS, 1000);
  timer = setTimeout(() => refresh().catch(() => {}), wait);
}

async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error = body && body.error ? body.error : {};
  return new ApiError(
    response.status,
    error.code || `http_${response.status}`,
    error.message || response.statusText || "Something went wrong.",
    response.headers.get("Retry-After"),
  );
}

// One refresh at a time: callers share the promise, so a refresh token is presented once.
export function refresh() {
  if (refreshing) return refreshing;
  const token = auth?.refresh;
  refreshing = (async () => {
    if (!token) throw new ApiError(401, "session_expired", "Please sign in.");
    let response;
    try {
      response = await fetch("/auth/refresh", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refresh_token: token }),
      });
    } catch {
      // Offline for a moment: keep the tokens and try again soon.
      clearTimeout(timer);
      timer = setTimeout(() => refresh().catch(() => {}), 10_000);
      throw new ApiError(0, "network", "The tutor cannot be reached. Check your connection.");
    }
    if (auth?.refresh !== token) return; // signed out (or in again) meanwhile
    if (response.status >= 400 && response.status < 500 && response.status !== 429) {
      // 401 (used, revoked or expired) or a malformed token: this login is over.
      forget();
      emit("expired");
      throw new ApiError(401, "session_expired", "Your session has ended. Please sign in again.");
    }
    if (!response.ok) throw await errorFrom(response);
    setTokens(await response.json());
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function freshToken() {
  if (auth && auth.expiresAt - Date.now() < 30_000) {
    try {
      await refresh();
    } catch (error) {
      if (error.code === "session_expired") throw error;
    }
  }
  return auth?.access;
}

async function send(path, options, token) {
  const headers = { Accept: "application/json", ...(options.headers || {}) };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  const posts = options.body !== undefined || options.form !== undefined; // form: FormData (uploads)
  return fetch(path, {
    method: options.method || (posts ? "POST" : "GET"),
    headers,
    body: options.form ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    signal: options.signal,
    cache: "no-store",
  });
}

// JSON in, JSON out; a 401 refreshes once (shared) and retries; errors become ApiError.
// One request with the access token, refreshed once on a 401 (a second 401 signs out).
async function sendSignedIn(path, options) {
  let token = await freshToken();
  try {
    let response = await send(path, options, token);
    if (response.status === 401 && auth) {
      if (auth.access === token) await refresh(); // else someone refreshed already
      token = auth?.access;
      response = await send(path, options, token);
      if (response.status === 401) {
        forget();
        emit("expired");
      }
    }
    return response;
  } catch (error) {
    if (error instanceof ApiError || error.name === "AbortError") throw error;
    throw new ApiError(0, "network", "The tutor cannot be reached. Check your connection.");
  }
}

export async function api(path, options = {}) {
  const response = await sendSignedIn(path, options);
  if (response.status === 204) return null;
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

// POST a JSON body to an endpoint that answers Server-Sent Events (POST /chat/stream): each
// event to onEvent(name, data) as it arrives; resolves when the stream ends. A refusal before
// the stream starts (4xx/5xx JSON) is an ApiError, as from api().
export async function apiStream(path, options, onEvent) {
  const streamed = { ...options, headers: { ...(options.headers || {}), Accept: "text/event-stream" } };
  const response = await sendSignedIn(path, streamed);
  if (!response.ok || !response.body) throw await errorFrom(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = jsonEvents(onEvent);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(value);
    }
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, "network", "The tutor cannot be reached. Check your connection.");
  }
}

export async function signIn(email, password) {
  const response = await fetch("/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw await errorFrom(response);
  setTokens(await response.json(), email);
  emit("signed-in");
}

export async function signUp(email, password) {
  const response = await fetch("/auth/register", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw await errorFrom(response);
  await signIn(email, password);
}

export async function signOut() {
  const token = auth?.refresh;
  await refreshing?.catch(() => {});
  const latest = auth?.refresh || token;
  forget();
  emit("signed-out");
  if (latest) {
    try {
      await fetch("/auth/logout", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refresh_token: latest }),
      });
    } catch {
      // the login ends by itself when its tokens expire
    }
  }
}

// GET /events needs the Authorization header, which EventSource cannot send: read the
// stream with fetch() and parse Server-Sent Events by hand. Reconnects with backoff.
// The stream's events as (name, parsed JSON data), fed text as it arrives in any pieces (the
// SSE format itself is eventsource-parser's); an event whose data is not JSON is not one of ours.
export function jsonEvents(onEvent) {
  return createParser({
    onEvent({ event, data }) {
      let parsed;
      try {
        parsed = JSON.parse(data);
      } catch {
        return;
      }
      onEvent(event || "message", parsed);
    },
  });
}

export function openEvents(onEvent, onState = () => {}) {
  let stopped = false;
  let controller = null;
  let delay = 1000;

  async function once() {
    const token = await freshToken();
    if (!token) throw new ApiError(401, "session_expired", "Please sign in.");
    controller = new AbortController();
    const response = await fetch("/events", {
      headers: { Authorization: `Bearer ${token}`, Accept: "text/event-stream" },
      signal: controller.signal,
      cache: "no-store",
    });
    if (response.status === 401) {
      if (auth?.access === token) await refresh();
      return;
    }
    if (!response.ok || !response.body) throw await errorFrom(response);
    onState(true);
    delay = 1000;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = jsonEvents(onEvent);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(value);
    }
  }

  (async () => {
    while (!stopped) {
      try {
        await once();
      } catch (error) {
        if (stopped || error.code === "session_expired") break;
      }
      onState(false);
      if (stopped || !auth) break;
      await sleep(delay);
      delay = Math.min(delay * 2, 15_000);
    }
  })();

  return {
    close() {
      stopped = true;
      controller?.abort();
    },
  };
}
