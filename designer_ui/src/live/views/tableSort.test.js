import { describe, expect, it } from "vitest";
import { ariaSort, firstSortKey, nextSort, sortable } from "./tableSort.js";

describe("sorting a table by its headers", () => {
  it("sorts by a new column ascending, then flips it", () => {
    expect(nextSort("-amount", "title")).toBe("title");
    expect(nextSort("title", "title")).toBe("-title");
    expect(nextSort("-title,amount", "title")).toBe("title");
    expect(nextSort(undefined, "amount")).toBe("amount");
  });
  it("reads the first key and says it to assistive technology", () => {
    expect(firstSortKey("-amount,name")).toEqual({ field: "amount", descending: true });
    expect(firstSortKey("")).toBeNull();
    expect(ariaSort("-amount", "amount")).toBe("descending");
    expect(ariaSort("amount", "amount")).toBe("ascending");
    expect(ariaSort("amount", "title")).toBe("none");
  });
  it("does not offer to sort long texts and multichoice fields (the server cannot)", () => {
    expect(sortable({ type: "longtext" })).toBe(false);
    expect(sortable({ type: "multichoice" })).toBe(false);
    expect(sortable({ type: "money" })).toBe(true);
  });
});
