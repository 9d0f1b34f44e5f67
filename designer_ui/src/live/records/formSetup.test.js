import { describe, expect, it } from "vitest";
import { createBody, formSchemas, initialFormData, localizeErrors, patchBody } from "./formSetup.js";

const answer = {
  schema: {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: { title: { type: "string" }, customer: { type: "integer" }, amount: { type: "number" } },
    required: ["title"],
  },
  update_schema: {
    type: "object",
    properties: {
      title: { type: "string" },
      customer: { type: "integer" },
      amount: { type: "number" },
      note: { type: ["string", "null"] },
      row_version: { type: "integer" },
    },
    required: ["row_version"],
  },
  uiSchema: {
    "ui:order": ["title", "customer", "amount", "*"],
    title: { "ui:title": "Title" },
    customer: { "ui:title": "Customer", "ui:widget": "updown", "ui:options": { dabble: { type: "ref", entity: "customer" } } },
  },
};

describe("the form's schemas", () => {
  it("uses the create schema for a new record, without $schema, and picks records for ref fields", () => {
    const { schema, uiSchema } = formSchemas(answer, "create");
    expect(schema.$schema).toBeUndefined();
    expect(schema.required).toEqual(["title"]);
    expect(uiSchema.customer["ui:widget"]).toBe("RefWidget");
    expect(uiSchema.row_version).toBeUndefined();
  });
  it("uses the update schema for an edit, with row_version hidden", () => {
    const { schema, uiSchema } = formSchemas(answer, "edit");
    expect(schema.required).toEqual(["row_version"]);
    expect(uiSchema.row_version).toEqual({ "ui:widget": "hidden" });
  });
});

describe("the bodies sent", () => {
  const schema = answer.update_schema;
  const record = { id: 4, title: "A", customer: 9, amount: 10, note: "n", row_version: 3, owner: "chen.jie" };
  it("starts an edit from the record's values of the schema's fields", () => {
    expect(initialFormData(schema, record)).toEqual({ title: "A", customer: 9, amount: 10, note: "n", row_version: 3 });
    expect(initialFormData(schema, null)).toEqual({});
  });
  it("creates with the values given only", () => {
    expect(createBody({ title: "A", amount: undefined, customer: 9 }, answer.schema)).toEqual({ title: "A", customer: 9 });
  });
  it("updates only what changed, with row_version, and sends null for an emptied field", () => {
    const initial = initialFormData(schema, record);
    expect(patchBody(initial, { ...initial, amount: 12, note: undefined }, schema)).toEqual({
      row_version: 3,
      amount: 12,
      note: null,
    });
    expect(patchBody(initial, { ...initial }, schema)).toEqual({ row_version: 3 });
  });
});

describe("client-side messages", () => {
  it("are written in the chosen language", () => {
    const t = (key, values) => `${key}:${values?.limit ?? ""}`;
    const errors = localizeErrors(
      [
        { name: "required", message: "must have required property" },
        { name: "minimum", params: { limit: 0 }, message: "must be >= 0" },
        { name: "if", message: "kept" },
      ],
      t,
    );
    expect(errors.map((error) => error.message)).toEqual(["validation.required:", "validation.minimum:0", "kept"]);
  });
});
