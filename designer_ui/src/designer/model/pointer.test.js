import { describe, expect, it } from "vitest";
import { appendAt, getAt, isWithin, moveAt, parsePointer, pointerOf, removeAt, setAt } from "./pointer.js";

const doc = { entities: [{ id: "deal", fields: [{ id: "a" }, { id: "b" }, { id: "c" }] }], "a/b": { "m~n": 1 } };

describe("JSON pointers", () => {
  it("parse and build with escapes", () => {
    expect(parsePointer("/a~1b/m~0n")).toEqual(["a/b", "m~n"]);
    expect(pointerOf("a/b", "m~n")).toBe("/a~1b/m~0n");
    expect(getAt(doc, "/a~1b/m~0n")).toBe(1);
    expect(getAt(doc, "/entities/0/fields/2/id")).toBe("c");
    expect(getAt(doc, "/entities/5/fields")).toBeUndefined();
  });
  it("set without touching the original", () => {
    const changed = setAt(doc, "/entities/0/fields/1/id", "z");
    expect(changed.entities[0].fields[1].id).toBe("z");
    expect(doc.entities[0].fields[1].id).toBe("b");
    expect(changed.entities[0].fields[0]).toBe(doc.entities[0].fields[0]);
    expect(setAt(doc, "/entities/0/label", undefined).entities[0]).not.toHaveProperty("label");
  });
  it("remove, append and move items", () => {
    expect(removeAt(doc, "/entities/0/fields/0").entities[0].fields.map((f) => f.id)).toEqual(["b", "c"]);
    expect(appendAt(doc, "/entities/0/fields", { id: "d" }).entities[0].fields.map((f) => f.id)).toEqual(["a", "b", "c", "d"]);
    expect(appendAt({}, "/rules", { id: "r" })).toEqual({ rules: [{ id: "r" }] });
    expect(moveAt(doc, "/entities/0/fields", 0, 2).entities[0].fields.map((f) => f.id)).toEqual(["b", "c", "a"]);
    expect(moveAt(doc, "/entities/0/fields", 0, 7).entities[0].fields).toBe(doc.entities[0].fields);
  });
  it("knows what lies within a path", () => {
    expect(isWithin("/workflows/0/edges/3/condition", "/workflows/0/edges/3")).toBe(true);
    expect(isWithin("/workflows/0/edges/30", "/workflows/0/edges/3")).toBe(false);
  });
});
