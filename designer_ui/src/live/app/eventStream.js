// Server-Sent Events of Dabble (GET /api/apps/<app>/events, GET /api/events) as plain callbacks, and a small hub that
// hands an app's events to every view on the page.

/**
 * Open an EventSource on `url` and call `handlers[type](data)` for each named event (data parsed from JSON).
 * `onState("connecting" | "live")` follows the connection. Returns a function that closes the stream.
 */
export function openEventStream(url, handlers, onState = () => {}) {
  const EventSourceClass = globalThis.EventSource;
  if (typeof EventSourceClass !== "function") return () => {};
  const source = new EventSourceClass(url, { withCredentials: true });
  onState("connecting");
  for (const [type, handle] of Object.entries(handlers)) {
    source.addEventListener(type, (message) => {
      let data = {};
      try {
        data = JSON.parse(message.data);
      } catch {
        data = {};
      }
      if (type === "ready") onState("live");
      handle(data);
    });
  }
  source.addEventListener("error", () => onState("connecting")); // the browser reconnects on its own (retry: 3000)
  return () => source.close();
}

/** A publish/subscribe hub for one app's events: {type: "ready" | "record" | "version" | "reset", ...data}. */
export function createEventHub() {
  const listeners = new Set();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of [...listeners]) listener(event);
    },
  };
}

/** Whether an event asks a view showing records of `entities` to fetch them again. */
export function asksRefetch(event, entities) {
  if (event.type === "record") return entities.includes(event.entity);
  return event.type === "ready" || event.type === "reset" || event.type === "version";
}

/** The URL of an app's event stream (view-as travels as a parameter: EventSource cannot send headers). */
export function appEventsUrl(appId, viewAs) {
  const base = `/api/apps/${encodeURIComponent(appId)}/events`;
  return viewAs ? `${base}?view_as=${encodeURIComponent(viewAs)}` : base;
}
