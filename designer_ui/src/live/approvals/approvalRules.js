// What a user may do with an approval instance (GET …/approval, the inbox): the buttons to show.

export const ACTIVE_STATES = new Set(["in_approval", "revising"]);

/** The actions of `username` on an instance, in the order shown: approve, reject, send_back, resubmit, withdraw, comment. */
export function availableActions(instance, username) {
  if (!instance || !ACTIVE_STATES.has(instance.state)) return [];
  const actions = [];
  const myTurn = instance.state === "in_approval" && instance.tasks?.some((task) => task.approver === username && task.status === "pending");
  if (myTurn) actions.push("approve", "reject", "send_back");
  if (instance.submitter === username) {
    if (instance.state === "revising") actions.push("resubmit");
    actions.push("withdraw");
  }
  actions.push("comment");
  return actions;
}

/** Whether a record may be submitted for approval: not in a running approval, and the user may change it. */
export function maySubmit(record, entity, readOnly) {
  if (readOnly || !entity?.may?.update || !record) return false;
  if (Array.isArray(entity.workflows) && entity.workflows.length === 0) return false; // navigation says it has none
  return !ACTIVE_STATES.has(record.workflow_state);
}

/** The body of an action: the comment, and where a send-back goes. */
export function actionBody(action, comment, to = "submitter") {
  const body = comment ? { comment } : {};
  return action === "send_back" ? { ...body, to } : body;
}
