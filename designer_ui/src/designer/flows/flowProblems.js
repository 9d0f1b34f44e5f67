// Validator problems of one workflow, sorted onto the node or edge their JSON-pointer path names.
import { parsePointer } from "../model/pointer.js";

export const COVERAGE_CODES = new Set(["flow.branch_gap", "flow.branch_overlap"]);

/** {nodes: {index: [problem]}, edges: {index: [problem]}, workflow: [problem]} for /workflows/<index>/…. */
export function flowProblems(problems, workflowIndex) {
  const sorted = { nodes: {}, edges: {}, workflow: [] };
  for (const problem of problems ?? []) {
    const [collection, index, part, element] = parsePointer(problem.path);
    if (collection !== "workflows" || Number(index) !== workflowIndex) continue;
    if ((part === "nodes" || part === "edges") && /^\d+$/.test(element ?? "")) {
      (sorted[part][Number(element)] ??= []).push(problem);
    } else {
      sorted.workflow.push(problem);
    }
  }
  return sorted;
}

/** The branch-coverage finding of a problem: {kind: "gap" | "overlap", range, example, edges} or null. */
export function coverageFinding(problem) {
  if (!COVERAGE_CODES.has(problem.code)) return null;
  const details = problem.details ?? {};
  return {
    kind: problem.code === "flow.branch_gap" ? "gap" : "overlap",
    range: details.range ?? "",
    example: details.example ?? "",
    edges: details.edges ?? [],
  };
}

/** The worst severity among problems: "error", "warning" or null. */
export function worstSeverity(problems) {
  if (!problems?.length) return null;
  return problems.some((problem) => problem.severity !== "warning") ? "error" : "warning";
}
