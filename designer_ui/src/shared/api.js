// The one way the UI talks to Dabble: fetch with the session cookie, the CSRF header on writes,
// the X-View-As header on reads while "view as" is on, and every error turned into an ApiError.

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let csrfToken = null;
let viewAs = null; // "user:<name>" or "role:<role>"
let onUnauthorized = () => {};

/** An error answer of the API: {"error": {"code", "message", "problems"}} with the HTTP status. */
export class ApiError extends Error {
  constructor(status, code, message, problems = [], body = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.problems = problems; // [{path, code, severity?, message: {zh, en}, details?}]
    this.body = body;
  }

  /** The message in one language: the API writes "English. / 中文。" in one string. */
  text(language) {
    const parts = String(this.message).split(" / ");
    if (parts.length !== 2) return this.message;
    return language === "zh" ? parts[1] : parts[0];
  }
}

export function setCsrfToken(token) {
  csrfToken = token;
}

/** Read every app "as" someone (administrators and IT reviewers only; reads only): "user:li.na", "role:rep" or null. */
export function setViewAs(value) {
  viewAs = value || null;
}

export function getViewAs() {
  return viewAs;
}

/** Called with the ApiError of any 401 answer (the session layer sends the user to /login). */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error = body?.error;
  if (error && typeof error.code === "string") {
    return new ApiError(response.status, error.code, error.message ?? error.code, error.problems ?? [], body);
  }
  return new ApiError(response.status, `http.${response.status}`, response.statusText || "Request failed", [], body);
}

/**
 * Call the API: `api("/api/apps")`, `api("/api/apps", {method: "POST", body: {...}})`.
 * Resolves to the parsed JSON (null for an empty answer); rejects with an ApiError.
 */
export async function api(path, { method = "GET", body, headers = {}, signal, viewAs: viewAsOverride } = {}) {
  const upper = method.toUpperCase();
  const sent = { Accept: "application/json", ...headers };
  if (body !== undefined) sent["Content-Type"] = "application/json";
  if (WRITE_METHODS.has(upper) && csrfToken) sent["X-CSRF-Token"] = csrfToken;
  const reader = viewAsOverride === undefined ? viewAs : viewAsOverride;
  if (upper === "GET" && reader && path.startsWith("/api/apps/")) sent["X-View-As"] = reader;
  let response;
  try {
    response = await fetch(path, {
      method: upper,
      credentials: "same-origin",
      headers: sent,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (failure) {
    if (failure?.name === "AbortError") throw failure;
    throw new ApiError(0, "network.unreachable", "Cannot reach Dabble. / 无法连接 Dabble。");
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401) onUnauthorized(error);
    throw error;
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}
