import { describe, expect, it } from "vitest";
import { createTitleCache } from "./titleCache.js";

describe("the title cache", () => {
  it("fetches each missing id once, in one batch per entity", async () => {
    const calls = [];
    const cache = createTitleCache(async (entity, ids) => {
      calls.push([entity, ids]);
      return new Map(ids.map((id) => [id, `${entity} ${id}`]));
    });
    await cache.load("customer", [3, 4, 3]);
    await cache.load("customer", [4]);
    expect(calls).toEqual([["customer", [3, 4]]]);
    expect(cache.title("customer", 3)).toBe("customer 3");
    expect(cache.title("customer", "4")).toBe("customer 4");
    expect(cache.title("customer", 5)).toBeUndefined();
  });
  it("keeps null for records it may not read and tells subscribers", async () => {
    const cache = createTitleCache(async () => new Map());
    let told = 0;
    cache.subscribe(() => (told += 1));
    await cache.load("customer", [7]);
    expect(cache.title("customer", 7)).toBeUndefined();
    expect(told).toBe(1);
  });
  it("forgets an entity's titles so they are fetched again", async () => {
    let round = 0;
    const cache = createTitleCache(async (_entity, ids) => new Map(ids.map((id) => [id, `v${round}`])));
    await cache.load("customer", [1]);
    round = 1;
    cache.forget("customer");
    await cache.load("customer", [1]);
    expect(cache.title("customer", 1)).toBe("v1");
  });
});
