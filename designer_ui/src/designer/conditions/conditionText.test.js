import { describe, expect, it } from "vitest";
import { conditionText } from "./conditionText.js";

const entity = {
  id: "contract",
  fields: [
    { id: "amount", type: "money", label: { zh: "金额", en: "Amount" } },
    { id: "stage", type: "choice", label: { zh: "阶段", en: "Stage" }, options: [{ id: "won", label: { zh: "赢单", en: "Won" } }] },
  ],
};
const definitions = [{ id: "large", label: { zh: "大额合同", en: "Large contract" } }];
const condition = {
  combinator: "or",
  not: true,
  rules: [
    { field: "amount", operator: ">=", value: 50000 },
    { combinator: "and", rules: [{ field: "stage", operator: "in", value: ["won"] }, { definition: "large" }] },
    { field: "stage", operator: "null" },
  ],
};

describe("conditionText", () => {
  it("writes a condition with names, options and connectives in the language", () => {
    expect(conditionText(condition, entity, definitions, "en")).toBe("not (Amount >= 50000 or (Stage in (Won) and Large contract) or Stage = ∅)");
    expect(conditionText(condition, entity, definitions, "zh")).toBe("非(金额 >= 50000 或 (阶段 in (赢单) 且 大额合同) 或 阶段 = ∅)");
  });
  it("writes durations and unknown fields plainly", () => {
    const old = { combinator: "and", rules: [{ field: "seen", operator: "olderThan", value: { amount: 7, unit: "days" } }] };
    expect(conditionText(old, entity, [], "en")).toBe("seen olderThan 7 days");
  });
});
