import { describe, expect, it } from "vitest";
import { dayInZone, formatAggregate, formatChange, formatDate, formatMoment, formatValue } from "./values.js";

const money = { id: "amount", type: "money", currency: "CNY", scale: 2 };
const stage = {
  id: "stage",
  type: "choice",
  options: [
    { id: "drafting", label: { zh: "起草", en: "Drafting" } },
    { id: "signed", label: { zh: "已签约", en: "Signed" } },
  ],
};

describe("formatValue", () => {
  it("writes money in its currency with the column's scale", () => {
    expect(formatValue(80000, money, { language: "zh" })).toBe("¥80,000.00");
    expect(formatValue(80000, money, { language: "en" })).toBe("CN¥80,000.00");
    expect(formatValue(1234.5, { type: "money", currency: "USD", scale: 0 }, { language: "en" })).toBe("$1,235");
  });
  it("keeps a value of an unknown currency readable", () => {
    expect(formatValue(12, { type: "money", currency: "XX1" }, { language: "en" })).toBe("12.00 XX1");
  });
  it("writes percentages as numbers with a percent sign (15 means 15 %)", () => {
    expect(formatValue(15, { type: "percent", scale: 1 }, { language: "en" })).toBe("15.0%");
    expect(formatValue(7.25, { type: "percent" }, { language: "zh" })).toBe("7.25%");
  });
  it("writes numbers with the column's scale and integers without decimals", () => {
    expect(formatValue(1234.5, { type: "number", scale: 2 }, { language: "en" })).toBe("1,234.50");
    expect(formatValue(1234567, { type: "integer" }, { language: "zh" })).toBe("1,234,567");
  });
  it("shows a computed field in its format", () => {
    expect(formatValue(0.5, { type: "computed", format: "percent", scale: 1 }, { language: "en" })).toBe("0.5%");
    expect(formatValue(3, { type: "computed" }, { language: "en" })).toBe("3");
  });
  it("shows options by their label in the chosen language, unknown ones as they are", () => {
    expect(formatValue("signed", stage, { language: "zh" })).toBe("已签约");
    expect(formatValue("signed", stage, { language: "en" })).toBe("Signed");
    expect(formatValue("gone", stage, { language: "en" })).toBe("gone");
    expect(formatValue(["drafting", "signed"], { ...stage, type: "multichoice" }, { language: "en" })).toBe("Drafting, Signed");
  });
  it("names the approval states the engine uses even when the column lacks them", () => {
    const column = { id: "workflow_state", type: "choice", options: [{ id: "draft", label: { en: "Draft", zh: "草稿" } }] };
    expect(formatValue("in_approval", column, { language: "en" })).toBe("In approval");
    expect(formatValue("revising", column, { language: "zh" })).toBe("退回修改");
  });
  it("writes empty values as a dash", () => {
    expect(formatValue(null, money, { language: "en" })).toBe("—");
    expect(formatValue("", { type: "text" }, { language: "en" })).toBe("—");
  });
  it("shows a pointed-at record by its title, else by its number", () => {
    const column = { type: "ref", target_entity: "customer" };
    const refTitle = (entity, id) => (entity === "customer" && id === 9 ? "ACME" : undefined);
    expect(formatValue(9, column, { language: "en", refTitle })).toBe("ACME");
    expect(formatValue(10, column, { language: "en", refTitle })).toBe("#10");
  });
  it("keeps markup as plain text", () => {
    expect(formatValue("<img src=x onerror=alert(1)>", { type: "text" })).toBe("<img src=x onerror=alert(1)>");
  });
  it("writes booleans in the language", () => {
    expect(formatValue(true, { type: "boolean" }, { language: "zh" })).toBe("是");
    expect(formatValue(false, { type: "boolean" }, { language: "en" })).toBe("No");
  });
});

describe("dates and moments", () => {
  it("writes a date without shifting it by a time zone", () => {
    expect(formatDate("2025-03-06", "en")).toBe("Mar 6, 2025");
    expect(formatDate("2025-03-06", "zh")).toBe("2025年3月6日");
  });
  it("writes a moment in the app's time zone", () => {
    expect(formatMoment("2025-03-06T17:30:00Z", "en", "Asia/Shanghai")).toMatch(/Mar 7, 2025.*1:30\s?AM/);
    expect(formatMoment("2025-03-06T17:30:00Z", "en", "UTC")).toMatch(/Mar 6, 2025.*5:30\s?PM/);
    expect(formatValue("2025-03-06T17:30:00Z", { type: "datetime" }, { language: "zh", timeZone: "Asia/Shanghai" })).toContain("2025年3月7日");
  });
  it("finds the day a moment falls on in a time zone", () => {
    expect(dayInZone("2025-03-06T17:30:00Z", "Asia/Shanghai")).toBe("2025-03-07");
    expect(dayInZone("2025-03-06T17:30:00Z", "America/New_York")).toBe("2025-03-06");
    expect(dayInZone("2025-03-06", "Asia/Shanghai")).toBe("2025-03-06");
  });
});

describe("aggregates", () => {
  it("writes counts as whole numbers and sums in the field's units", () => {
    expect(formatAggregate(12, { function: "count" }, "en")).toBe("12");
    expect(formatAggregate(352000, { function: "sum", column: money }, "zh")).toBe("¥352,000.00");
  });
  it("gives an average two more decimals than its field", () => {
    expect(formatAggregate(1.2345, { function: "avg", column: { type: "number", scale: 1 } }, "en")).toBe("1.235");
    expect(formatAggregate(10, { function: "avg", column: money }, "en")).toBe("CN¥10.0000");
  });
  it("writes nothing as a dash and signs a rise", () => {
    expect(formatAggregate(null, { function: "avg", column: money }, "en")).toBe("—");
    expect(formatChange("5", 5)).toBe("+5");
    expect(formatChange("-5", -5)).toBe("-5");
  });
});
