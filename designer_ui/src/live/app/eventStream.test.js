import { afterEach, describe, expect, it, vi } from "vitest";
import { appEventsUrl, asksRefetch, createEventHub, openEventStream } from "./eventStream.js";

class FakeEventSource {
  static last = null;
  constructor(url) {
    this.url = url;
    this.listeners = {};
    this.closed = false;
    FakeEventSource.last = this;
  }
  addEventListener(type, listener) {
    (this.listeners[type] ??= []).push(listener);
  }
  send(type, data) {
    for (const listener of this.listeners[type] ?? []) listener({ data: JSON.stringify(data) });
  }
  close() {
    this.closed = true;
  }
}

afterEach(() => vi.unstubAllGlobals());

describe("openEventStream", () => {
  it("hands each named event's data to its handler and follows the connection", () => {
    vi.stubGlobal("EventSource", FakeEventSource);
    const records = [];
    const states = [];
    const close = openEventStream("/api/apps/a/events", { record: (data) => records.push(data), ready: () => {} }, (s) =>
      states.push(s),
    );
    const source = FakeEventSource.last;
    source.send("ready", { app: "a", version: 1 });
    source.send("record", { entity: "contract", id: 4 });
    source.send("error", {});
    expect(records).toEqual([{ entity: "contract", id: 4 }]);
    expect(states).toEqual(["connecting", "live", "connecting"]);
    close();
    expect(source.closed).toBe(true);
  });
});

describe("the event hub", () => {
  it("tells every subscriber until it unsubscribes", () => {
    const hub = createEventHub();
    const seen = [];
    const stop = hub.subscribe((event) => seen.push(event.type));
    hub.emit({ type: "ready" });
    stop();
    hub.emit({ type: "reset" });
    expect(seen).toEqual(["ready"]);
  });
  it("asks for a refetch on the views' entities, and of everything on ready, reset and version", () => {
    expect(asksRefetch({ type: "record", entity: "contract" }, ["contract"])).toBe(true);
    expect(asksRefetch({ type: "record", entity: "customer" }, ["contract"])).toBe(false);
    for (const type of ["ready", "reset", "version"]) expect(asksRefetch({ type }, ["contract"])).toBe(true);
  });
  it("passes view-as as a parameter", () => {
    expect(appEventsUrl("sales", null)).toBe("/api/apps/sales/events");
    expect(appEventsUrl("sales", "user:li.na")).toBe("/api/apps/sales/events?view_as=user%3Ali.na");
  });
});
