import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NotificationsBell } from "./NotificationsBell.jsx";
import { NOTIFICATION_EVENT } from "./notifications/notificationEvents.js";
import { FakeEventSource, LocationProbe, ME, renderAt, scriptedFetch } from "./testing/liveTestKit.jsx";

const notification = (id, read_at = null) => ({
  id,
  kind: "workflow_notice",
  severity: "info",
  title: null,
  message: { zh: `合同 ${id} 已审批通过`, en: `Contract ${id} was approved` },
  app: "sales",
  entity: "contract",
  record_id: id,
  created_at: "2025-03-06T01:00:00Z",
  read_at,
});

let unread;
let items;
beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal("EventSource", FakeEventSource);
  unread = 1;
  items = [notification(1)];
});
afterEach(() => vi.unstubAllGlobals());

function setUp() {
  const fetch = scriptedFetch([
    ["GET", "/api/me", () => ({ body: ME })],
    ["GET", "/api/notifications/unread-count", () => ({ body: { unread } })],
    ["GET", "/api/notifications", () => ({ body: { items, total: items.length, unread, page: 1, page_size: 20 } })],
    [
      "POST",
      "/api/notifications/1/read",
      () => {
        unread -= 1;
        items = items.map((item) => (item.id === 1 ? notification(1, "2025-03-06T02:00:00Z") : item));
        return { body: items.find((item) => item.id === 1) };
      },
    ],
    [
      "POST",
      "/api/notifications/read-all",
      () => {
        const marked = unread;
        unread = 0;
        items = items.map((item) => notification(item.id, "2025-03-06T02:00:00Z"));
        return { body: { marked } };
      },
    ],
  ]);
  vi.stubGlobal("fetch", fetch);
  renderAt(
    <>
      <NotificationsBell />
      <LocationProbe />
    </>,
    { path: "/", routePath: "/*" },
  );
  return fetch;
}
const count = () => screen.getByTestId("notifications-count");
const countFetches = (fetch) => fetch.calls.filter((call) => call.path === "/api/notifications/unread-count").length;

describe("the notifications bell", () => {
  it("fetches the unread count again when the user's stream announces a notification", async () => {
    const fetch = setUp();
    await waitFor(() => expect(count()).toHaveAttribute("data-count", "1"));
    expect(FakeEventSource.find("/api/events")).toBeDefined();
    const announced = vi.fn();
    window.addEventListener(NOTIFICATION_EVENT, announced);
    unread = 3;
    const before = countFetches(fetch);
    act(() => FakeEventSource.find("/api/events").send("notification", { id: 2, app: "sales" }));
    await waitFor(() => expect(count()).toHaveAttribute("data-count", "3"));
    expect(countFetches(fetch)).toBe(before + 1);
    expect(announced).toHaveBeenCalledTimes(1); // the inbox listens to this
    window.removeEventListener(NOTIFICATION_EVENT, announced);
    expect(screen.getByTestId("notifications-bell")).toHaveAccessibleName("Notifications: 3 unread");
  });

  it("lists the notifications, marks one read when opened, and all at once", async () => {
    items = [notification(1), notification(2)];
    unread = 2;
    const fetch = setUp();
    await waitFor(() => expect(count()).toHaveAttribute("data-count", "2"));
    fireEvent.click(screen.getByTestId("notifications-bell"));
    const first = await screen.findByTestId("notification-1");
    expect(first).toHaveTextContent("Contract 1 was approved");
    fireEvent.click(first);
    await waitFor(() => expect(count()).toHaveAttribute("data-count", "1"));
    expect(fetch.calls.some((call) => call.method === "POST" && call.path === "/api/notifications/1/read")).toBe(true);
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/apps/sales/records/contract/1"));

    fireEvent.click(screen.getByTestId("notifications-bell"));
    fireEvent.click(await screen.findByTestId("notifications-read-all"));
    await waitFor(() => expect(count()).toHaveAttribute("data-count", "0"));
  });

  it("closes its stream when the page goes", async () => {
    setUp();
    await waitFor(() => expect(count()).toHaveAttribute("data-count", "1"));
    const stream = FakeEventSource.find("/api/events");
    const { cleanup } = await import("@testing-library/react");
    cleanup();
    expect(stream.closed).toBe(true);
  });
});
