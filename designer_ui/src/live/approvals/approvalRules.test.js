import { describe, expect, it } from "vitest";
import { actionBody, availableActions, maySubmit } from "./approvalRules.js";

const instance = {
  state: "in_approval",
  submitter: "chen.jie",
  tasks: [
    { approver: "li.na", status: "pending" },
    { approver: "zhang.wei", status: "approved" },
  ],
};

describe("approval actions", () => {
  it("lets a pending approver approve, reject, send back and comment", () => {
    expect(availableActions(instance, "li.na")).toEqual(["approve", "reject", "send_back", "comment"]);
  });
  it("lets an approver who voted already only comment", () => {
    expect(availableActions(instance, "zhang.wei")).toEqual(["comment"]);
  });
  it("lets the submitter withdraw, and resubmit once sent back", () => {
    expect(availableActions(instance, "chen.jie")).toEqual(["withdraw", "comment"]);
    expect(availableActions({ ...instance, state: "revising", tasks: [] }, "chen.jie")).toEqual([
      "resubmit",
      "withdraw",
      "comment",
    ]);
  });
  it("offers nothing on a decided instance", () => {
    expect(availableActions({ ...instance, state: "approved" }, "li.na")).toEqual([]);
    expect(availableActions(null, "li.na")).toEqual([]);
  });
  it("sends the comment, and a send-back to the submitter", () => {
    expect(actionBody("approve", "")).toEqual({});
    expect(actionBody("reject", "too high")).toEqual({ comment: "too high" });
    expect(actionBody("send_back", "fix it")).toEqual({ comment: "fix it", to: "submitter" });
  });
});

describe("submitting for approval", () => {
  const entity = { may: { update: true } };
  it("is offered on a record the user may change that is not in approval", () => {
    expect(maySubmit({ workflow_state: "draft" }, entity, false)).toBe(true);
    expect(maySubmit({ workflow_state: "rejected" }, entity, false)).toBe(true);
    expect(maySubmit({ workflow_state: "in_approval" }, entity, false)).toBe(false);
    expect(maySubmit({ workflow_state: "revising" }, entity, false)).toBe(false);
  });
  it("is not offered while viewing as someone, without the right to change, or without a workflow", () => {
    expect(maySubmit({ workflow_state: "draft" }, entity, true)).toBe(false);
    expect(maySubmit({ workflow_state: "draft" }, { may: { update: false } }, false)).toBe(false);
    expect(maySubmit({ workflow_state: "draft" }, { ...entity, workflows: [] }, false)).toBe(false);
  });
});
