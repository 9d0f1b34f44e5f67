import { describe, expect, it } from "vitest";
import { archivedId, hasRenames, NO_RENAMES, renameCandidates, withoutRename, withRename } from "./renames.js";

const steps = [
  { kind: "archive_column", entity: "contract", field: null, from_field: "region", destructive: true },
  { kind: "add_column", entity: "contract", field: "delivery_region" },
  { kind: "add_column", entity: "lead", field: "zone" },
  { kind: "archive_table", entity: "task", destructive: true },
  { kind: "create_table", entity: "todo" },
  { kind: "archive_column", entity: "lead", field: null, from_field: "old_only" },
];

describe("renames in a publish", () => {
  it("pairs each archive step with what was added beside it", () => {
    expect(renameCandidates(steps)).toEqual([
      { step: steps[0], candidates: ["delivery_region"] },
      { step: steps[3], candidates: ["todo"] },
      { step: steps[5], candidates: ["zone"] },
    ]);
  });
  it("writes the renames the publish API reads", () => {
    const renames = withRename(withRename(NO_RENAMES, steps[0], "delivery_region"), steps[3], "todo");
    expect(renames).toEqual({ entities: { task: "todo" }, fields: { "contract.region": "delivery_region" } });
    expect(hasRenames(renames)).toBe(true);
    expect(withoutRename(withoutRename(renames, "fields", "contract.region"), "entities", "task")).toEqual(NO_RENAMES);
    expect(hasRenames(NO_RENAMES)).toBe(false);
    expect(archivedId({ kind: "archive_column", entity: "deal", from_entity: "contract", from_field: "region" })).toBe("contract.region");
  });
});
