import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import LiveApp from "../LiveApp.jsx";
import { FakeEventSource, LocationProbe, ME, renderAt, scriptedFetch } from "../testing/liveTestKit.jsx";

const NAVIGATION = {
  app: { id: "sales", label: "Sales", version: 1, default_language: "en", timezone: "UTC" },
  views: [],
  entities: [{ id: "customer", label: { en: "Customer", zh: "客户" }, title_field: "name", may: { read: true, create: true, update: true, delete: false } }],
};
const FORM = (language) => ({
  entity: "customer",
  form: null,
  forms: [],
  schema: {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    additionalProperties: false,
    properties: { name: { type: "string", minLength: 1, title: "Name" }, budget: { type: "number", minimum: 0, title: "Budget" } },
    required: ["name"],
  },
  update_schema: { type: "object", properties: { name: { type: "string" }, budget: { type: "number" }, row_version: { type: "integer" } } },
  uiSchema: {
    "ui:order": ["name", "budget", "*"],
    "ui:options": { sections: [{ id: "main", title: language === "zh" ? "基本" : "Basics", columns: 2, fields: ["name", "budget"] }] },
    name: { "ui:title": language === "zh" ? "名称" : "Name", "ui:options": { dabble: { type: "text" } } },
    budget: { "ui:title": language === "zh" ? "预算" : "Budget", "ui:options": { dabble: { type: "money", currency: "CNY" } } },
  },
});
const LAZY = { timeout: 10_000 }; // the form page and react-jsonschema-form load on first use
const TAKEN = {
  error: {
    code: "record.unique",
    message: "A unique value is already taken. / 唯一值已被占用。",
    problems: [{ path: "/name", code: "record.unique", message: { en: "Another record already has this 'Name'.", zh: "名称已被占用。" } }],
  },
};

beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal("EventSource", FakeEventSource);
});
afterEach(() => vi.unstubAllGlobals());

function setUp(postAnswer, language = "en") {
  const fetch = scriptedFetch([
    ["GET", "/api/me", () => ({ body: ME })],
    ["GET", "/api/apps/sales/views", () => ({ body: NAVIGATION })],
    ["GET", "/api/apps/sales/forms/customer", ({ query }) => ({ body: FORM(query.get("lang")) })],
    ["POST", "/api/apps/sales/customer", postAnswer],
    ["GET", /\/api\/apps\/sales\/customer\/\d+/, () => ({ body: { id: 5, name: "ACME", row_version: 1, workflow_state: "draft" } })],
  ]);
  vi.stubGlobal("fetch", fetch);
  renderAt(
    <>
      <LiveApp />
      <LocationProbe />
    </>,
    { path: "/apps/sales/records/customer/new", language },
  );
  return fetch;
}

describe("the record form", () => {
  it("puts the server's problems on the fields their pointers name", async () => {
    setUp(() => ({ status: 409, body: TAKEN }));
    fireEvent.change(await screen.findByLabelText(/Name/, {}, LAZY), { target: { value: "ACME" } });
    fireEvent.click(screen.getByTestId("save-record"));
    expect(await screen.findByText("Another record already has this 'Name'.")).toBeInTheDocument();
    expect(document.getElementById("root_name__error")).toHaveTextContent("Another record already has this 'Name'.");
    expect(screen.getByTestId("form-error")).toHaveTextContent("A unique value is already taken.");
    expect(screen.getByRole("group", { name: "Basics" })).toBeInTheDocument();
  });

  it("creates with the values given and opens the new record", async () => {
    const fetch = setUp(({ body }) => ({ status: 201, body: { id: 5, row_version: 1, ...body } }));
    fireEvent.change(await screen.findByLabelText(/Name/, {}, LAZY), { target: { value: "ACME" } });
    fireEvent.click(screen.getByTestId("save-record"));
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/apps/sales/records/customer/5"));
    expect(fetch.calls.find((call) => call.method === "POST").body).toEqual({ name: "ACME" });
  });

  it("checks required fields before sending, in Chinese", async () => {
    const fetch = setUp(() => ({ status: 500, body: {} }), "zh");
    await screen.findByLabelText(/名称/, {}, LAZY);
    fireEvent.click(screen.getByTestId("save-record"));
    await waitFor(() => expect(document.getElementById("root_name__error")).toHaveTextContent("必填。"));
    expect(fetch.calls.some((call) => call.method === "POST")).toBe(false);
  });
});
