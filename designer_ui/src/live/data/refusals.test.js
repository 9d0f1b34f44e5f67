import { describe, expect, it } from "vitest";
import { ApiError } from "../../shared/api.js";
import { problemsToExtraErrors, refusalKey, refusalText } from "./refusals.js";

const t = (key) => `t:${key}`;
const schema = { properties: { amount: {}, title: {}, tags: {}, row_version: {} } };

describe("refusals", () => {
  it("names the refusals of a change the UI explains itself", () => {
    expect(refusalKey(new ApiError(409, "record.locked", "Locked"))).toBe("refusal.locked");
    expect(refusalKey(new ApiError(403, "access.denied", "No"))).toBe("refusal.denied");
    const stale = new ApiError(409, "record.conflict", "x", [{ path: "/row_version", code: "record.stale" }]);
    expect(refusalKey(stale)).toBe("refusal.stale");
    expect(refusalKey(new ApiError(409, "record.stale", "x"))).toBe("refusal.stale");
  });
  it("shows the server's text in the chosen language for the others", () => {
    const error = new ApiError(422, "record.invalid", "The record has invalid values. / 记录中有无效的取值。");
    expect(refusalText(error, t, "zh")).toBe("记录中有无效的取值。");
    expect(refusalText(error, t, "en")).toBe("The record has invalid values.");
    expect(refusalText(new ApiError(409, "record.locked", "x"), t, "en")).toBe("t:refusal.locked");
  });
});

describe("problemsToExtraErrors", () => {
  it("puts each problem on the field its JSON pointer names, in the language", () => {
    const problems = [
      { path: "/amount", code: "record.minimum", message: { zh: "不能小于 0。", en: "must be at least 0." } },
      { path: "/amount", code: "record.decimal_places", message: { zh: "小数位过多。", en: "too many decimals." } },
      { path: "/title", code: "record.unique", message: { zh: "重复。", en: "taken." } },
    ];
    const { extraErrors, unplaced } = problemsToExtraErrors(problems, schema, "en");
    expect(extraErrors).toEqual({
      amount: { __errors: ["must be at least 0.", "too many decimals."] },
      title: { __errors: ["taken."] },
    });
    expect(unplaced).toEqual([]);
  });
  it("follows deeper pointers and unescapes tokens", () => {
    const { extraErrors } = problemsToExtraErrors(
      [{ path: "/tags/1", code: "record.option", message: { en: "not an option" } }],
      schema,
      "en",
    );
    expect(extraErrors).toEqual({ tags: { 1: { __errors: ["not an option"] } } });
  });
  it("leaves problems of the whole body, of row_version or of unknown fields unplaced", () => {
    const problems = [
      { path: "", code: "record.not_object", message: { en: "a" } },
      { path: "/row_version", code: "record.stale", message: { en: "b" } },
      { path: "/a~1b", code: "record.unknown_field", message: { en: "c" } },
    ];
    const { extraErrors, unplaced } = problemsToExtraErrors(problems, schema, "en");
    expect(extraErrors).toEqual({});
    expect(unplaced.map((problem) => problem.code)).toEqual(["record.not_object", "record.stale", "record.unknown_field"]);
  });
});
