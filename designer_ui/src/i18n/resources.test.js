// Both languages complete on every page: the zh and en resources have the same keys and no empty text.
import { describe, expect, it } from "vitest";
import { NAMESPACES, RESOURCES } from "./index.js";

function flatKeys(value, prefix = "") {
  return Object.entries(value).flatMap(([key, inner]) =>
    inner !== null && typeof inner === "object" ? flatKeys(inner, `${prefix}${key}.`) : [[`${prefix}${key}`, inner]],
  );
}

describe.each(NAMESPACES)("namespace %s", (namespace) => {
  const zh = Object.fromEntries(flatKeys(RESOURCES.zh[namespace]));
  const en = Object.fromEntries(flatKeys(RESOURCES.en[namespace]));
  it("has the same keys in Chinese and English", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
  it("has no empty text", () => {
    const empty = [...Object.entries(zh), ...Object.entries(en)].filter(([, text]) => typeof text !== "string" || !text.trim());
    expect(empty).toEqual([]);
  });
  it("uses the same placeholders in both languages", () => {
    const placeholders = (text) => [...String(text).matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(en)) expect([key, placeholders(zh[key])]).toEqual([key, placeholders(en[key])]);
  });
});
