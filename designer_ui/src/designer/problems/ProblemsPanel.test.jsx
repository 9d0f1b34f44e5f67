import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithApp } from "../../test/render.jsx";
import { ProblemsPanel } from "./ProblemsPanel.jsx";

const definition = {
  id: "deals",
  label: "Deals",
  entities: [{ id: "contract", label: { zh: "合同", en: "Contract" }, fields: [{ id: "amount", label: { zh: "金额", en: "Amount" } }] }],
  workflows: [{ id: "signoff", label: { zh: "审批", en: "Sign-off" }, nodes: [], edges: [{ id: "small" }, { id: "medium" }] }],
};
const problems = [
  {
    path: "/workflows/0/edges/1",
    code: "flow.branch_gap",
    severity: "error",
    message: { zh: "amount = 50000 不满足任何分支", en: "amount = 50000 matches no branch" },
  },
  { path: "/entities/0/fields/0/label", code: "label.empty", severity: "warning", message: { zh: "标签为空", en: "A label cannot be empty." } },
];

describe("ProblemsPanel", () => {
  it("lists every problem with its message and place, and jumps to the place on a click", () => {
    const goTo = vi.fn();
    renderWithApp(<ProblemsPanel />, { designer: { definition, problems, goTo } });
    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("amount = 50000 matches no branch");
    expect(items[0]).toHaveTextContent("Sign-off › medium");
    expect(items[1]).toHaveTextContent("Contract › Amount");
    fireEvent.click(within(items[0]).getByRole("button"));
    expect(goTo).toHaveBeenCalledWith("/workflows/0/edges/1");
    fireEvent.click(within(items[1]).getByRole("button"));
    expect(goTo).toHaveBeenLastCalledWith("/entities/0/fields/0/label");
  });

  it("speaks Chinese", () => {
    renderWithApp(<ProblemsPanel />, { language: "zh", designer: { definition, problems, goTo: () => {} } });
    expect(screen.getByText("问题")).toBeInTheDocument();
    expect(screen.getAllByRole("listitem")[0]).toHaveTextContent("审批 › medium");
    expect(screen.getAllByRole("listitem")[1]).toHaveTextContent("警告");
  });

  it("says so when the draft has no problem", () => {
    renderWithApp(<ProblemsPanel />, { designer: { definition, problems: [], goTo: () => {} } });
    expect(screen.getByText("No problems: the draft can be published.")).toBeInTheDocument();
  });
});
