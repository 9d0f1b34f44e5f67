import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { problemsToExtraErrors, RecordForm } from "./RecordForm.jsx";

const schema = {
  type: "object",
  properties: {
    title: { type: "string", title: "Title" },
    amount: { type: ["number", "null"], title: "Amount" },
    stage: { enum: ["open", "won", null], title: "Stage" },
    notes: { type: ["string", "null"], title: "Notes" },
  },
  required: ["title"],
};
const uiSchema = {
  "ui:order": ["title", "amount", "stage", "*"],
  "ui:options": { sections: [{ id: "basics", title: "基本信息", columns: 2, fields: ["title", "amount", "stage"] }] },
  title: { "ui:title": "合同名称" },
  amount: { "ui:title": "金额", "ui:widget": "updown" },
  stage: { "ui:title": "阶段", "ui:widget": "select", "ui:enumNames": { open: "<b>进行中</b>", won: "赢单", null: "—" } },
  notes: { "ui:widget": "hidden" },
};

describe("RecordForm", () => {
  it("lays the fields out in the form's sections and columns, labels in the language, options as text", () => {
    const { container } = render(<RecordForm schema={schema} uiSchema={uiSchema} formData={{}} />);
    const section = container.querySelector("fieldset[data-section=basics]");
    expect(section.querySelector("legend")).toHaveTextContent("基本信息");
    expect(section.querySelector(".form-grid").style.getPropertyValue("--columns")).toBe("2");
    expect(screen.getByLabelText(/合同名称/)).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "<b>进行中</b>" })).toBeInTheDocument();
    expect(container.querySelector("b")).toBeNull();
  });

  it("reports what is missing in the reader's language", async () => {
    const { container } = render(
      <RecordForm schema={schema} uiSchema={uiSchema} formData={{}} onSubmit={() => {}} language="zh">
        <button type="submit">提交</button>
      </RecordForm>,
    );
    fireEvent.click(screen.getByRole("button", { name: "提交" }));
    expect(await screen.findByText(/应当有必需属性/)).toBeInTheDocument();
    expect(container.textContent).not.toMatch(/must have required property/);
  });

  it("turns server problems into errors on their fields", () => {
    const problems = [
      { path: "/amount", code: "record.minimum", message: { zh: "不能小于 0", en: "must be at least 0" } },
      { path: "", code: "record.not_object", message: { en: "whole body" } },
    ];
    expect(problemsToExtraErrors(problems, "zh")).toEqual({ amount: { __errors: ["不能小于 0"] } });
  });
});
