import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithApp } from "../../test/render.jsx";
import { ConditionEditor } from "./ConditionEditor.jsx";

const definition = {
  entities: [
    {
      id: "contract",
      label: "Contract",
      fields: [
        { id: "amount", type: "money", label: { zh: "金额", en: "Amount" } },
        { id: "stage", type: "choice", label: "Stage", options: [{ id: "open", label: "Open" }, { id: "won", label: "Won" }] },
      ],
    },
  ],
  definitions: [{ id: "large", entity: "contract", label: "Large contract", condition: { combinator: "and", rules: [] } }],
};
const condition = {
  combinator: "and",
  rules: [
    { field: "amount", operator: ">=", value: 50000 },
    { field: "amount", operator: "<=", value: 500000 },
  ],
};

describe("ConditionEditor", () => {
  it("shows the condition in react-querybuilder and writes typed values back in the definition's shape", () => {
    const onChange = vi.fn();
    const { container } = renderWithApp(<ConditionEditor condition={condition} entityId="contract" onChange={onChange} />, {
      designer: { definition, update: () => {} },
    });
    const values = container.querySelectorAll(".rule-value");
    expect(values).toHaveLength(2);
    expect(values[0]).toHaveValue(50000);
    expect(onChange).not.toHaveBeenCalled(); // opening the editor changes nothing
    fireEvent.change(values[0], { target: { value: "60000" } });
    expect(onChange).toHaveBeenLastCalledWith({
      combinator: "and",
      rules: [
        { field: "amount", operator: ">=", value: 60000 },
        { field: "amount", operator: "<=", value: 500000 },
      ],
    });
  });

  it("names fields, operators and named conditions in the language", () => {
    const { container } = renderWithApp(<ConditionEditor condition={condition} entityId="contract" onChange={() => {}} />, {
      language: "zh",
      designer: { definition, update: () => {} },
    });
    const fieldSelect = container.querySelector(".rule-fields");
    expect([...fieldSelect.options].map((option) => option.textContent)).toEqual(
      expect.arrayContaining(["金额", "Stage", "负责人", "业务条件"]),
    );
    expect(container.querySelector(".rule-operators")).toHaveDisplayValue("大于等于");
    expect(screen.getAllByText("+ 条件").length).toBeGreaterThan(0);
  });
});
