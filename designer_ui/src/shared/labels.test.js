import { describe, expect, it } from "vitest";
import { labelText, withLabelText } from "./labels.js";

describe("labelText", () => {
  it("shows a plain string in every language", () => {
    expect(labelText("Amount", "zh")).toBe("Amount");
    expect(labelText("Amount", "en")).toBe("Amount");
  });
  it("picks the language, then falls back to the other one", () => {
    expect(labelText({ zh: "金额", en: "Amount" }, "zh")).toBe("金额");
    expect(labelText({ zh: "金额", en: "Amount" }, "en")).toBe("Amount");
    expect(labelText({ zh: "金额" }, "en")).toBe("金额");
    expect(labelText({ en: "Amount" }, "zh")).toBe("Amount");
  });
  it("gives the fallback for a missing or empty label", () => {
    expect(labelText(undefined, "en", "amount")).toBe("amount");
    expect(labelText({}, "zh", "amount")).toBe("amount");
    expect(labelText("", "zh", "amount")).toBe("amount");
  });
  it("keeps markup as plain text", () => {
    expect(labelText({ en: "<b>x</b>" }, "en")).toBe("<b>x</b>");
  });
});

describe("withLabelText", () => {
  it("sets one language and keeps the other", () => {
    expect(withLabelText({ zh: "金额", en: "Amount" }, "en", "Total")).toEqual({ zh: "金额", en: "Total" });
  });
  it("turns a plain label into both languages before changing one", () => {
    expect(withLabelText("Amount", "zh", "金额")).toEqual({ zh: "金额", en: "Amount" });
  });
  it("drops a language whose text is emptied", () => {
    expect(withLabelText({ zh: "金额", en: "Amount" }, "en", "")).toEqual({ zh: "金额" });
  });
});
