import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import LiveApp from "../LiveApp.jsx";
import { FakeEventSource, ME, deferred, renderAt, scriptedFetch } from "../testing/liveTestKit.jsx";

const NAVIGATION = {
  app: { id: "sales", label: "Sales", version: 1, default_language: "en", timezone: "Asia/Shanghai" },
  views: [{ id: "dash", kind: "dashboard", label: { en: "Numbers", zh: "数字" } }],
  entities: [
    { id: "contract", label: "Contract", title_field: "title", may: { read: true, create: true, update: true, delete: false } },
    { id: "customer", label: "Customer", title_field: "name", may: { read: true, create: true, update: true, delete: false } },
  ],
};
const money = { id: "amount", type: "money", currency: "CNY", scale: 2, label: "Amount" };
const signed = (value) => ({
  id: "signed",
  kind: "kpi",
  label: { en: "Signed this month", zh: "本月签约额" },
  entity: "contract",
  aggregate: { function: "sum", field: "amount", column: money },
  value,
  previous: 100000,
  change: value - 100000,
  change_percent: ((value - 100000) / 1000).toFixed(1) * 1,
  period: { period: "month" },
  target: 1000000,
  attainment: value / 10000,
});
const customers = { id: "customers", kind: "kpi", label: "Customers", entity: "customer", aggregate: { function: "count" }, value: 2 };

let answers;
beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal("EventSource", FakeEventSource);
  answers = [];
});
afterEach(() => vi.unstubAllGlobals());

function setUp() {
  const fetch = scriptedFetch([
    ["GET", "/api/me", () => ({ body: ME })],
    ["GET", "/api/apps/sales/views", () => ({ body: NAVIGATION })],
    ["GET", "/api/apps/sales/views/dash", () => ({ body: { view: NAVIGATION.views[0], widgets: [signed(150000), customers] } })],
    [
      "GET",
      "/api/apps/sales/views/dash/widgets/signed",
      () => {
        const answer = deferred();
        answers.push(answer);
        return answer.promise;
      },
    ],
    ["GET", "/api/apps/sales/views/dash/widgets/customers", () => ({ body: customers })],
  ]);
  vi.stubGlobal("fetch", fetch);
  renderAt(<LiveApp />, { path: "/apps/sales/views/dash" });
  return fetch;
}
const fetchesOf = (fetch, path) => fetch.calls.filter((call) => call.path === path).length;
const stream = () => FakeEventSource.find("/api/apps/sales/events");
const contractChanged = (id) => act(() => stream().send("record", { entity: "contract", id, action: "update" }));

describe("a live dashboard", () => {
  it("shows KPI tiles with their change and attainment in the widget's units", async () => {
    setUp();
    expect(await screen.findByTestId("kpi-signed")).toHaveTextContent("CN¥150,000.00");
    expect(screen.getByTestId("kpi-change-signed")).toHaveTextContent("+CN¥50,000.00 (+50.0%) vs CN¥100,000.00 last month");
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "15");
    expect(screen.getByTestId("kpi-customers")).toHaveTextContent("2");
  });

  it("refetches a widget once per burst of events on its entity: one in flight, one more after it", async () => {
    const fetch = setUp();
    await screen.findByTestId("kpi-signed");
    await act(async () => {}); // the widgets' subscriptions (effects) are in place
    const widget = "/api/apps/sales/views/dash/widgets/signed";
    contractChanged(1);
    expect(fetchesOf(fetch, widget)).toBe(1);
    for (const id of [2, 3, 4, 5]) contractChanged(id);
    expect(fetchesOf(fetch, widget)).toBe(1); // still one in flight
    await act(async () => answers[0].resolve({ body: signed(160000) }));
    await waitFor(() => expect(fetchesOf(fetch, widget)).toBe(2)); // exactly one more for the four events
    await act(async () => answers[1].resolve({ body: signed(170000) }));
    expect(await screen.findByText("CN¥170,000.00")).toBeInTheDocument();
    expect(fetchesOf(fetch, widget)).toBe(2);
    expect(fetchesOf(fetch, "/api/apps/sales/views/dash/widgets/customers")).toBe(0); // another entity's widget
  });

  it("reloads the whole dashboard on ready and reset, not widget by widget", async () => {
    const fetch = setUp();
    await screen.findByTestId("kpi-signed");
    const before = fetchesOf(fetch, "/api/apps/sales/views/dash");
    act(() => stream().send("ready", { app: "sales", version: 1 }));
    await waitFor(() => expect(fetchesOf(fetch, "/api/apps/sales/views/dash")).toBe(before + 1));
    expect(fetchesOf(fetch, "/api/apps/sales/views/dash/widgets/signed")).toBe(0);
    expect(screen.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  });

  it("writes the tiles in Chinese", async () => {
    vi.stubGlobal("EventSource", FakeEventSource);
    const fetch = scriptedFetch([
      ["GET", "/api/me", () => ({ body: ME })],
      ["GET", "/api/apps/sales/views", () => ({ body: NAVIGATION })],
      ["GET", "/api/apps/sales/views/dash", () => ({ body: { view: NAVIGATION.views[0], widgets: [signed(150000)] } })],
    ]);
    vi.stubGlobal("fetch", fetch);
    renderAt(<LiveApp />, { path: "/apps/sales/views/dash", language: "zh" });
    expect(await screen.findByText("本月签约额")).toBeInTheDocument();
    expect(screen.getByTestId("kpi-signed")).toHaveTextContent("¥150,000.00");
    expect(screen.getByTestId("kpi-change-signed")).toHaveTextContent("上月为 ¥100,000.00");
  });
});
