// Building blocks of workflows the designer adds: a new flow, a new node of a kind, a new edge.
import { freeId } from "../model/ids.js";

export const NODE_KINDS = ["start", "branch", "approval", "auto_approve", "set_field", "notify", "revise", "end"];

export function newWorkflow(document) {
  const entity = document.entities[0].id;
  return {
    id: freeId("flow", (document.workflows ?? []).map((workflow) => workflow.id)),
    label: { zh: "新流程", en: "New flow" },
    entity,
    nodes: [
      { id: "start", kind: "start" },
      { id: "review", kind: "approval", approvers: [{ kind: "supervisor" }] },
      { id: "approved", kind: "end", outcome: "approved" },
      { id: "rejected", kind: "end", outcome: "rejected" },
    ],
    edges: [
      { id: "submitted", from: "start", to: "review" },
      { id: "ok", from: "review", to: "approved", outcome: "approve" },
      { id: "no", from: "review", to: "rejected", outcome: "reject" },
    ],
  };
}

/** A node of `kind` with what that kind requires. */
export function newNode(kind, workflow, document) {
  const node = { id: freeId(kind === "end" ? "finish" : kind, workflow.nodes.map((item) => item.id)), kind };
  if (kind === "end") node.outcome = "approved";
  if (kind === "approval") node.approvers = [{ kind: "supervisor" }];
  if (kind === "notify") {
    node.to = [{ kind: "submitter" }];
    node.message = { zh: "记录已更新", en: "The record was updated" };
  }
  if (kind === "set_field") {
    const entity = document.entities.find((item) => item.id === workflow.entity);
    node.field = entity?.fields[0]?.id ?? "";
    node.value = null;
  }
  return node;
}

/** An edge from → to with what leaving `from` requires (an outcome after an approval, a condition after a branch). */
export function newEdge(workflow, from, to) {
  const edge = { id: freeId("edge", workflow.edges.map((item) => item.id)), from, to };
  const source = workflow.nodes.find((node) => node.id === from);
  if (source?.kind === "approval") {
    const taken = new Set(workflow.edges.filter((item) => item.from === from).map((item) => item.outcome));
    edge.outcome = taken.has("approve") ? "reject" : "approve";
  }
  if (source?.kind === "branch") edge.condition = { combinator: "and", rules: [] };
  return edge;
}
