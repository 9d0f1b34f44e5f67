import { describe, expect, it } from "vitest";
import { elementOf, placeOf, placeTrail } from "./places.js";

const definition = {
  id: "deals",
  entities: [{ id: "contract", label: { zh: "合同", en: "Contract" }, fields: [{ id: "amount", label: { zh: "金额", en: "Amount" } }] }],
  workflows: [{ id: "signoff", label: "Sign-off", nodes: [{ id: "route", kind: "branch" }], edges: [{ id: "small" }] }],
};

describe("placeOf", () => {
  it("maps each part of the definition to its tab", () => {
    expect(placeOf("/entities/0/fields/0/type")).toEqual({ tab: "entities", focus: "/entities/0/fields/0/type" });
    expect(placeOf("/workflows/0/edges/3/condition").tab).toBe("flows");
    expect(placeOf("/forms/1/sections/0/fields/4").tab).toBe("forms");
    expect(placeOf("/views/2/widgets/0/group_by/field").tab).toBe("views");
    expect(placeOf("/rules/5/trigger/source/date_field").tab).toBe("rules");
    expect(placeOf("/definitions/0/condition").tab).toBe("rules");
    expect(placeOf("/permissions/3").tab).toBe("permissions");
    expect(placeOf("/roles/0/id").tab).toBe("permissions");
    expect(placeOf("/timezone").tab).toBe("app");
    expect(placeOf("")).toEqual({ tab: "app", focus: "" });
  });
});

describe("elementOf", () => {
  it("finds the element a path points into", () => {
    expect(elementOf("/workflows/0/edges/3/condition", "workflows")).toEqual({
      collection: "workflows",
      index: 0,
      rest: ["edges", "3", "condition"],
    });
    expect(elementOf("/entities/0", "workflows")).toBeNull();
    expect(elementOf("/workflows", "workflows")).toBeNull();
  });
});

describe("placeTrail", () => {
  it("names the place by labels in the language, ids otherwise", () => {
    expect(placeTrail("/entities/0/fields/0/type", definition, "zh")).toEqual(["合同", "金额"]);
    expect(placeTrail("/entities/0/fields/0/type", definition, "en")).toEqual(["Contract", "Amount"]);
    expect(placeTrail("/workflows/0/edges/0/condition", definition, "en")).toEqual(["Sign-off", "small"]);
    expect(placeTrail("/workflows/0/nodes/9", definition, "en")).toEqual(["Sign-off"]);
  });
});
