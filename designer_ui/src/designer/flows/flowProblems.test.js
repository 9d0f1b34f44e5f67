import { describe, expect, it } from "vitest";
import { layoutFlow } from "./flowLayout.js";
import { coverageFinding, flowProblems, worstSeverity } from "./flowProblems.js";

const gap = {
  path: "/workflows/0/edges/2",
  code: "flow.branch_gap",
  severity: "error",
  message: { en: "amount = 50000 matches no branch", zh: "…" },
  details: { node: "route", range: "amount = 50000", example: "amount = 50000" },
};
const problems = [
  gap,
  { path: "/workflows/0/edges/2/condition/rules/0/value", code: "condition.value_type", severity: "error" },
  { path: "/workflows/0/nodes/3", code: "flow.unreachable_node", severity: "error" },
  { path: "/workflows/0/nodes", code: "flow.no_end", severity: "error" },
  { path: "/workflows/1/edges/0", code: "flow.trap", severity: "error" },
  { path: "/entities/0/fields/1", code: "schema.required", severity: "error" },
  { path: "/workflows/0/edges/5", code: "flow.fewer_levels", severity: "warning" },
];

describe("flowProblems", () => {
  it("puts each problem on the node or edge its path names", () => {
    const sorted = flowProblems(problems, 0);
    expect(Object.keys(sorted.edges)).toEqual(["2", "5"]);
    expect(sorted.edges[2].map((problem) => problem.code)).toEqual(["flow.branch_gap", "condition.value_type"]);
    expect(sorted.nodes[3][0].code).toBe("flow.unreachable_node");
    expect(sorted.workflow.map((problem) => problem.code)).toEqual(["flow.no_end"]);
    expect(flowProblems(problems, 1).edges[0][0].code).toBe("flow.trap");
  });
  it("reads the uncovered range of a coverage problem", () => {
    expect(coverageFinding(gap)).toEqual({ kind: "gap", range: "amount = 50000", example: "amount = 50000", edges: [] });
    expect(coverageFinding({ code: "flow.branch_overlap", details: { range: "amount = 1", edges: ["a", "b"] } }).kind).toBe("overlap");
    expect(coverageFinding(problems[2])).toBeNull();
  });
  it("knows the worst severity", () => {
    expect(worstSeverity([problems[6]])).toBe("warning");
    expect(worstSeverity([problems[6], gap])).toBe("error");
    expect(worstSeverity([])).toBeNull();
  });
});

describe("layoutFlow", () => {
  it("layers nodes by distance from the start and keeps loops and strays on the page", () => {
    const positions = layoutFlow({
      nodes: [{ id: "start", kind: "start" }, { id: "route", kind: "branch" }, { id: "a" }, { id: "b" }, { id: "end" }, { id: "stray" }],
      edges: [
        { from: "start", to: "route" },
        { from: "route", to: "a" },
        { from: "route", to: "b" },
        { from: "a", to: "end" },
        { from: "b", to: "route" },
      ],
    });
    expect(positions.start.y).toBe(0);
    expect(positions.a.y).toBe(positions.b.y);
    expect(positions.a.x).not.toBe(positions.b.x);
    expect(positions.end.y).toBeGreaterThan(positions.a.y);
    expect(positions.stray.y).toBeGreaterThan(positions.end.y);
  });
});
