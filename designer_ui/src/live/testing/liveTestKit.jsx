// Component tests of the live app: a scripted API (fetch), a fake EventSource the test drives, and the live app
// rendered at a path with its real providers (i18n, router, session, live app).
import { render } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { vi } from "vitest";
import { createI18n } from "../../i18n/index.js";
import { SessionProvider } from "../../shared/session.jsx";

/** An EventSource whose events the test sends: FakeEventSource.find("/api/apps/sales/events").send("record", {...}). */
export class FakeEventSource {
  static instances = [];
  constructor(url) {
    this.url = url;
    this.listeners = {};
    this.closed = false;
    FakeEventSource.instances.push(this);
  }
  addEventListener(type, listener) {
    (this.listeners[type] ??= []).push(listener);
  }
  send(type, data = {}) {
    for (const listener of this.listeners[type] ?? []) listener({ data: JSON.stringify(data) });
  }
  close() {
    this.closed = true;
  }
  static find(prefix) {
    return FakeEventSource.instances.filter((source) => source.url.startsWith(prefix) && !source.closed).at(-1);
  }
  static reset() {
    FakeEventSource.instances = [];
  }
}

/**
 * A fetch answering from `routes`: [[method, path (string: exact path without query, or RegExp on the whole URL),
 * handler(request) → {status?, body} or a promise of it]]. `fetch.calls` lists {method, url, body}.
 */
export function scriptedFetch(routes) {
  const calls = [];
  const fetch = vi.fn(async (url, init = {}) => {
    const method = (init.method ?? "GET").toUpperCase();
    const body = init.body ? JSON.parse(init.body) : undefined;
    const request = { method, url, body, path: url.split("?")[0], query: new URLSearchParams(url.split("?")[1] ?? "") };
    calls.push(request);
    const route = routes.find(
      ([wanted, path]) => wanted === method && (path instanceof RegExp ? path.test(url) : path === request.path),
    );
    const answer = route ? await route[2](request) : { status: 404, body: { error: { code: "test.no_route", message: url } } };
    const status = answer.status ?? 200;
    const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
    return { ok: status < 400, status, statusText: String(status), json: async () => JSON.parse(text), text: async () => text };
  });
  fetch.calls = calls;
  return fetch;
}

export const ME = { username: "chen.jie", display_name: "Chen Jie", csrf_token: "token", roles: {} };

/** Render `element` at `path` inside the app's providers; `routePath` is where it is mounted. */
export function renderAt(element, { path, routePath = "/apps/:appId/*", language = "en" }) {
  const i18n = createI18n(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter initialEntries={[path]}>
        <SessionProvider>
          <Routes>
            <Route path={routePath} element={element} />
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
        </SessionProvider>
      </MemoryRouter>
    </I18nextProvider>,
  );
}

/** A promise and its resolve, to hold an answer back until the test lets it go. */
export function deferred() {
  let resolve;
  const promise = new Promise((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Where the router is: <LocationProbe/> shows the path in data-testid="location". */
export function LocationProbe() {
  const location = useLocation();
  return <span data-testid="location">{location.pathname}</span>;
}
