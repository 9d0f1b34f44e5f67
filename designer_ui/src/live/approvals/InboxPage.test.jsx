import { act, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import LiveApp from "../LiveApp.jsx";
import { FakeEventSource, ME, renderAt, scriptedFetch } from "../testing/liveTestKit.jsx";

const NAVIGATION = {
  app: { id: "contracts", label: "Contracts", version: 1, default_language: "en", timezone: "UTC" },
  views: [],
  entities: [{ id: "contract", label: "Contract", title_field: "title", may: { read: true, create: true, update: true, delete: false } }],
};
const item = (instance, extra = {}) => ({
  instance,
  app: "contracts",
  workflow: "sign_off",
  workflow_label: { zh: "合同审批", en: "Contract sign-off" },
  entity: "contract",
  record_id: 40 + instance,
  node: "manager_review",
  node_label: { zh: "经理审批", en: "Manager review" },
  submitter: "chen.jie",
  submitter_name: "陈杰 Chen Jie",
  since: "2026-12-07T01:30:00Z",
  title: `Deal ${instance}`,
  app_label: { zh: "合同管理", en: "Contract desk" },
  entity_label: { zh: "合同", en: "Contract" },
  timezone: "Asia/Shanghai",
  ...extra,
});

let items;
beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal("EventSource", FakeEventSource);
  items = [item(1), item(2, { title: null })];
});
afterEach(() => vi.unstubAllGlobals());

function setUp(language = "en") {
  const fetch = scriptedFetch([
    ["GET", "/api/me", () => ({ body: ME })],
    ["GET", "/api/apps/contracts/views", () => ({ body: NAVIGATION })],
    ["GET", "/api/inbox", () => ({ body: { items } })],
    [
      "POST",
      "/api/apps/contracts/workflows/1/approve",
      () => {
        items = items.filter((candidate) => candidate.instance !== 1);
        return { body: { id: 1, state: "approved" } };
      },
    ],
  ]);
  vi.stubGlobal("fetch", fetch);
  renderAt(<LiveApp />, { path: "/apps/contracts/inbox", language });
  return fetch;
}

describe("the approvals inbox", () => {
  it("shows each item from the inbox answer alone: title, app, entity, flow, step, submitter, time", async () => {
    const fetch = setUp();
    const first = await screen.findByTestId("inbox-item-contracts-1");
    expect(within(first).getByRole("link", { name: "Deal 1" })).toHaveAttribute("href", "/apps/contracts/records/contract/41");
    expect(first).toHaveTextContent("Contract desk · Contract · Contract sign-off");
    expect(first).toHaveTextContent("Waiting at Manager review · submitted by 陈杰 Chen Jie · Dec 7, 2026, 9:30 AM"); // in the item's app time zone
    const untitled = screen.getByTestId("inbox-item-contracts-2");
    expect(within(untitled).getByRole("link", { name: "#42" })).toBeInTheDocument(); // a title they may not see
    expect(fetch.calls.filter((call) => call.path.startsWith("/api/apps/contracts/contract/"))).toEqual([]);
  });

  it("speaks Chinese with the definition's Chinese labels", async () => {
    setUp("zh");
    const first = await screen.findByTestId("inbox-item-contracts-1");
    expect(first).toHaveTextContent("合同管理 · 合同 · 合同审批");
    expect(first).toHaveTextContent("经理审批");
  });

  it("approves an item, says so and drops it from the list", async () => {
    setUp();
    const first = await screen.findByTestId("inbox-item-contracts-1");
    fireEvent.click(within(first).getByTestId("action-approve"));
    expect(await screen.findByTestId("inbox-done")).toHaveTextContent("You approved “Deal 1”.");
    await act(async () => {});
    expect(screen.queryByTestId("inbox-item-contracts-1")).not.toBeInTheDocument();
    expect(screen.getByTestId("inbox-item-contracts-2")).toBeInTheDocument();
  });
});
