import { describe, expect, it } from "vitest";
import { withFieldId } from "./fieldIds.js";

const document = {
  entities: [
    { id: "contract", title_field: "title", fields: [{ id: "title" }, { id: "stage" }] },
    { id: "lead", fields: [{ id: "stage" }] },
  ],
  forms: [
    { id: "f", entity: "contract", sections: [{ id: "s", fields: ["title", "stage"] }] },
    { id: "g", entity: "lead", sections: [{ id: "s", fields: ["stage"] }] },
  ],
  views: [
    { id: "board", kind: "kanban", entity: "contract", group_by: "stage", card_fields: ["stage", "title"], sort: [{ field: "stage" }] },
    { id: "leads", kind: "table", entity: "lead", columns: ["stage"] },
  ],
};

describe("withFieldId", () => {
  it("renames the field and its references in the entity's forms and views", () => {
    const changed = withFieldId(document, 0, 1, "phase");
    expect(changed.entities[0].fields[1].id).toBe("phase");
    expect(changed.forms[0].sections[0].fields).toEqual(["title", "phase"]);
    expect(changed.views[0]).toMatchObject({ group_by: "phase", card_fields: ["phase", "title"], sort: [{ field: "phase" }] });
  });
  it("leaves other entities' fields of the same id alone", () => {
    const changed = withFieldId(document, 0, 1, "phase");
    expect(changed.forms[1].sections[0].fields).toEqual(["stage"]);
    expect(changed.views[1].columns).toEqual(["stage"]);
    expect(changed.entities[1].fields[0].id).toBe("stage");
  });
  it("follows the title field", () => {
    expect(withFieldId(document, 0, 0, "name").entities[0].title_field).toBe("name");
  });
});
