import { describe, expect, it } from "vitest";
import { columnsFromForm } from "./formColumns.js";

describe("columns from a form", () => {
  it("lists the form's fields in order with their types, options, currency and target", () => {
    const answer = {
      update_schema: {
        properties: { name: { title: "Name" }, industry: {}, budget: {}, parent: {}, row_version: {} },
      },
      uiSchema: {
        "ui:order": ["name", "industry", "budget", "parent", "*"],
        name: { "ui:title": "Name", "ui:options": { dabble: { type: "text" } } },
        industry: {
          "ui:title": "Industry",
          "ui:enumNames": { retail: "Retail", null: "—" },
          "ui:options": { dabble: { type: "choice" } },
        },
        budget: { "ui:title": "Budget", "ui:options": { dabble: { type: "money", currency: "CNY" } } },
        parent: { "ui:title": "Parent", "ui:options": { dabble: { type: "ref", entity: "customer" } } },
      },
    };
    expect(columnsFromForm(answer)).toEqual([
      { id: "name", label: "Name", type: "text" },
      { id: "industry", label: "Industry", type: "choice", options: [{ id: "retail", label: "Retail" }] },
      { id: "budget", label: "Budget", type: "money", currency: "CNY" },
      { id: "parent", label: "Parent", type: "ref", target_entity: "customer" },
    ]);
  });
});
