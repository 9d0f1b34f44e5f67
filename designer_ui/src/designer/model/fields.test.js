import { describe, expect, it } from "vitest";
import { newField, retype } from "./fields.js";

describe("retype", () => {
  const field = { id: "stage", type: "choice", label: "Stage", required: true, options: [{ id: "a", label: "A" }], default: "a" };
  it("keeps the common properties and drops the old type's own", () => {
    expect(retype(field, "text")).toEqual({ id: "stage", type: "text", label: "Stage", required: true });
  });
  it("gives the new type what it requires", () => {
    expect(retype(field, "money").currency).toBe("CNY");
    expect(retype(field, "ref", { entities: [{ id: "customer" }] }).entity).toBe("customer");
    expect(retype(field, "computed")).toEqual({ id: "stage", type: "computed", label: "Stage", formula: "0" });
    expect(retype({ id: "x", type: "text", label: "X" }, "multichoice").options).toHaveLength(1);
    expect(retype(field, "multichoice").options).toBe(field.options);
  });
  it("starts a new field as text in both languages", () => {
    expect(newField("field_1")).toEqual({ id: "field_1", type: "text", label: { zh: "新字段", en: "New field" } });
  });
});
