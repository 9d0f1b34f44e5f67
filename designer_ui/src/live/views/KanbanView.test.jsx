import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import LiveApp from "../LiveApp.jsx";
import { FakeEventSource, ME, renderAt, scriptedFetch } from "../testing/liveTestKit.jsx";

const NAVIGATION = {
  app: { id: "sales", label: { en: "Sales", zh: "销售" }, version: 1, default_language: "en", timezone: "UTC" },
  views: [{ id: "board", kind: "kanban", label: { en: "Board", zh: "看板" }, entity: "contract" }],
  entities: [{ id: "contract", label: { en: "Contract" }, title_field: "title", may: { read: true, create: true, update: true, delete: false } }],
};
const stage = (value, label) => ({ value, label: { en: label, zh: label }, total: 0, cards: [] });

function board() {
  const lanes = [stage("drafting", "Drafting"), stage("signed", "Signed")];
  lanes[0].cards = [{ id: 7, row_version: 3, stage: "drafting", title: "Pump retrofit", amount: 80000 }];
  lanes[0].total = 1;
  const money = { id: "amount", label: { en: "Amount" }, type: "money", currency: "CNY", scale: 2 };
  return { view: { ...NAVIGATION.views[0], group_by: "stage", title_field: "title", card_fields: [money], lane_size: 50 }, lanes };
}

function setUp(patchAnswer) {
  const fetch = scriptedFetch([
    ["GET", "/api/me", () => ({ body: ME })],
    ["GET", "/api/apps/sales/views", () => ({ body: NAVIGATION })],
    ["GET", "/api/apps/sales/views/board", () => ({ body: board() })],
    ["PATCH", "/api/apps/sales/contract/7", patchAnswer],
  ]);
  vi.stubGlobal("fetch", fetch);
  renderAt(<LiveApp />, { path: "/apps/sales/views/board" });
  return fetch;
}

const lane = (value) => screen.getByTestId(`lane-${value}`);
const boardFetches = (fetch) => fetch.calls.filter((call) => call.path === "/api/apps/sales/views/board").length;

beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal("EventSource", FakeEventSource);
});
afterEach(() => vi.unstubAllGlobals());

describe("moving a kanban card", () => {
  it("patches the record with its row_version and keeps the card in its new lane", async () => {
    const fetch = setUp(({ body }) => ({ body: { id: 7, row_version: 4, stage: body.stage } }));
    await screen.findByTestId("card-7");
    expect(within(lane("drafting")).getByText("CN¥80,000.00")).toBeInTheDocument();
    fireEvent.change(screen.getByTestId("move-7"), { target: { value: "signed" } });
    expect(within(lane("signed")).getByTestId("card-7")).toBeInTheDocument(); // at once, before the answer
    await waitFor(() => expect(fetch.calls.some((call) => call.method === "PATCH")).toBe(true));
    expect(fetch.calls.find((call) => call.method === "PATCH").body).toEqual({ row_version: 3, stage: "signed" });
    await waitFor(() => expect(within(lane("signed")).getByTestId("lane-total")).toHaveTextContent("1"));

    fireEvent.change(screen.getByTestId("move-7"), { target: { value: "drafting" } });
    await waitFor(() => expect(fetch.calls.filter((call) => call.method === "PATCH")).toHaveLength(2));
    expect(fetch.calls.filter((call) => call.method === "PATCH")[1].body).toEqual({ row_version: 4, stage: "drafting" });
  });

  it("puts a card in approval back and says why (409 record.locked)", async () => {
    setUp(() => ({ status: 409, body: { error: { code: "record.locked", message: "Locked. / 锁定。", problems: [] } } }));
    await screen.findByTestId("card-7");
    fireEvent.change(screen.getByTestId("move-7"), { target: { value: "signed" } });
    const refusal = await screen.findByTestId("kanban-refusal");
    expect(refusal).toHaveAttribute("data-code", "record.locked");
    expect(refusal).toHaveTextContent("Pump retrofit: It is in approval, so it cannot be changed");
    expect(within(lane("drafting")).getByTestId("card-7")).toBeInTheDocument();
    expect(within(lane("signed")).queryByTestId("card-7")).toBeNull();
    expect(within(lane("drafting")).getByTestId("lane-total")).toHaveTextContent("1");
  });

  it("says a move is not allowed (403 access.denied)", async () => {
    setUp(() => ({ status: 403, body: { error: { code: "access.denied", message: "No. / 不行。", problems: [] } } }));
    await screen.findByTestId("card-7");
    fireEvent.change(screen.getByTestId("move-7"), { target: { value: "signed" } });
    expect(await screen.findByTestId("kanban-refusal")).toHaveTextContent("You may not change this record.");
    expect(within(lane("drafting")).getByTestId("card-7")).toBeInTheDocument();
  });

  it("reloads the board after a stale move (409 record.stale)", async () => {
    const stale = { code: "record.stale", path: "/row_version", message: { en: "changed" } };
    const fetch = setUp(() => ({ status: 409, body: { error: { code: "record.stale", message: "Stale.", problems: [stale] } } }));
    await screen.findByTestId("card-7");
    const before = boardFetches(fetch);
    fireEvent.change(screen.getByTestId("move-7"), { target: { value: "signed" } });
    expect(await screen.findByTestId("kanban-refusal")).toHaveTextContent("the board now shows it as it is");
    await waitFor(() => expect(boardFetches(fetch)).toBe(before + 1));
  });

  it("refetches the board when the event stream says a contract changed", async () => {
    const fetch = setUp(() => ({ body: {} }));
    await screen.findByTestId("card-7");
    const before = boardFetches(fetch);
    act(() => FakeEventSource.find("/api/apps/sales/events").send("record", { entity: "contract", id: 9, action: "create" }));
    await waitFor(() => expect(boardFetches(fetch)).toBe(before + 1));
    await waitFor(() => expect(screen.getByRole("heading", { name: "Board" })).toHaveAttribute("aria-busy", "false"));
    act(() => FakeEventSource.find("/api/apps/sales/events").send("record", { entity: "customer", id: 1, action: "update" }));
    expect(boardFetches(fetch)).toBe(before + 1); // a refetch starts within the event's handler: none started
  });

  it("reloads the navigation and the board when a new version goes live", async () => {
    const fetch = setUp(() => ({ body: {} }));
    await screen.findByTestId("card-7");
    const navigations = () => fetch.calls.filter((call) => call.path === "/api/apps/sales/views").length;
    const [navigationBefore, boardBefore] = [navigations(), boardFetches(fetch)];
    act(() => FakeEventSource.find("/api/apps/sales/events").send("version", { app: "sales", version: 2 }));
    await waitFor(() => expect(navigations()).toBe(navigationBefore + 1));
    await waitFor(() => expect(boardFetches(fetch)).toBe(boardBefore + 1));
  });
});
