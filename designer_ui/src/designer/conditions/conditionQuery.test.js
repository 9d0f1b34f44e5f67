import { describe, expect, it } from "vitest";
import { conditionFields, fieldTypes, operatorsFor } from "./fieldCatalog.js";
import { fromQuery, toQuery } from "./conditionQuery.js";

const entity = {
  id: "contract",
  fields: [
    { id: "amount", type: "money", label: "Amount" },
    { id: "stage", type: "choice", label: { zh: "阶段", en: "Stage" }, options: [{ id: "open", label: "Open" }, { id: "won", label: "Won" }] },
    { id: "tags", type: "multichoice", label: "Tags", options: [{ id: "vip", label: "VIP" }] },
    { id: "strategic", type: "boolean", label: "Strategic" },
    { id: "last_follow_up", type: "datetime", label: "Last follow-up" },
    { id: "customer", type: "ref", entity: "customer", label: "Customer" },
  ],
};
const types = fieldTypes(entity);

const conditions = [
  { combinator: "and", rules: [{ field: "amount", operator: "<", value: 50000 }] },
  {
    combinator: "and",
    rules: [
      { field: "amount", operator: ">=", value: 50000 },
      { field: "amount", operator: "<=", value: 500000 },
    ],
  },
  {
    combinator: "or",
    not: true,
    rules: [
      { field: "stage", operator: "in", value: ["open", "won"] },
      { definition: "large_contract" },
      { combinator: "and", rules: [{ field: "owner", operator: "=", value: "wang.li" }] },
    ],
  },
  {
    combinator: "or",
    rules: [
      { field: "last_follow_up", operator: "olderThan", value: { amount: 7, unit: "days" } },
      { field: "last_follow_up", operator: "null" },
    ],
  },
  { combinator: "and", rules: [{ field: "amount", operator: "between", value: [10, 20.5] }] },
  { combinator: "and", rules: [{ field: "strategic", operator: "=", value: false }, { field: "tags", operator: "contains", value: "vip" }] },
  { combinator: "and", rules: [{ field: "customer", operator: "in", value: [3, 4] }] },
  { combinator: "and", rules: [] },
];

describe("condition ⇄ react-querybuilder query", () => {
  it.each(conditions.map((condition) => [JSON.stringify(condition), condition]))("round-trips %s", (_, condition) => {
    expect(fromQuery(toQuery(condition), types)).toEqual(condition);
  });

  it("drops the ids and paths the builder adds", () => {
    const query = { id: "g1", path: [], combinator: "and", rules: [{ id: "r1", path: [0], field: "amount", operator: ">", value: "5", valueSource: "value" }] };
    expect(fromQuery(query, types)).toEqual({ combinator: "and", rules: [{ field: "amount", operator: ">", value: 5 }] });
  });

  it("turns what a person types into the condition's values", () => {
    const query = {
      combinator: "and",
      rules: [
        { field: "amount", operator: "in", value: "100, 200" },
        { field: "last_follow_up", operator: "withinLast", value: "72 hours" },
        { field: "strategic", operator: "=", value: "true" },
        { field: "amount", operator: "=", value: "abc" },
      ],
    };
    expect(fromQuery(query, types).rules.map((rule) => rule.value)).toEqual([[100, 200], { amount: 72, unit: "hours" }, true, "abc"]);
  });

  it("writes durations and booleans in the builder's text form", () => {
    const query = toQuery(conditions[3]);
    expect(query.rules[0].value).toBe("7 days");
    expect(toQuery(conditions[5]).rules[0].value).toBe("false");
  });
});

describe("fields offered to the condition builder", () => {
  it("offers the operators each type accepts", () => {
    expect(operatorsFor("multichoice")).toEqual(["contains", "null", "notNull"]);
    expect(operatorsFor("money")).toContain("between");
    expect(operatorsFor("text")).not.toContain("<");
    expect(operatorsFor("date")).toContain("withinLast");
  });
  it("labels fields and options in the language and adds named definitions of the entity", () => {
    const fields = conditionFields(entity, [{ id: "large_contract", entity: "contract", label: { zh: "大额合同", en: "Large" } }, { id: "other", entity: "lead", label: "x" }], "zh", (key) => key);
    const stage = fields.find((field) => field.name === "stage");
    expect(stage.label).toBe("阶段");
    expect(stage.valueEditorType("in")).toBe("multiselect");
    expect(fields.find((field) => field.name === "@definition").values).toEqual([{ name: "large_contract", label: "大额合同" }]);
    expect(fields.some((field) => field.name === "workflow_state")).toBe(true);
  });
});
