import { describe, expect, it } from "vitest";
import { scopeOf, withScope } from "./permissionModel.js";

const definition = { permissions: [{ role: "rep", entity: "deal", read: "own", create: "own" }] };

describe("permission matrix edits", () => {
  it("reads scopes, none without a grant", () => {
    expect(scopeOf(definition, "rep", "deal", "read")).toBe("own");
    expect(scopeOf(definition, "rep", "deal", "delete")).toBe("none");
    expect(scopeOf(definition, "manager", "deal", "read")).toBe("none");
  });
  it("adds a grant for a new role and entity", () => {
    expect(withScope(definition, "manager", "deal", "read", "team").permissions[1]).toEqual({ role: "manager", entity: "deal", read: "team" });
  });
  it("changes and clears scopes, removing a grant left empty", () => {
    const changed = withScope(definition, "rep", "deal", "read", "all");
    expect(changed.permissions[0].read).toBe("all");
    const cleared = withScope(withScope(definition, "rep", "deal", "read", "none"), "rep", "deal", "create", "none");
    expect(cleared.permissions).toEqual([]);
  });
});
