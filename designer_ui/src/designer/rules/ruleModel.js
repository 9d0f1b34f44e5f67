// Rules: triggers and actions with what their kind requires.

export const TRIGGER_KINDS = ["record_created", "record_updated", "field_changed", "time_elapsed", "schedule", "aggregate"];
export const ACTION_KINDS = ["alert", "create_record", "set_field", "start_workflow", "suggest"];
export const UNITS = ["hours", "days", "weeks"];
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
export const FREQUENCIES = ["daily", "weekly", "monthly"];

export function newTrigger(kind, entity) {
  const firstOf = (types) => entity?.fields.find((field) => types.includes(field.type))?.id ?? "";
  if (kind === "field_changed") return { kind, field: entity?.fields[0]?.id ?? "" };
  if (kind === "time_elapsed") return { kind, field: firstOf(["datetime", "date"]), after: { amount: 3, unit: "days" } };
  if (kind === "schedule") return { kind, frequency: "daily", time: "09:00" };
  if (kind === "aggregate")
    return {
      kind,
      source: { entity: entity?.id ?? "", via: "", date_field: "" },
      measure: { function: "count" },
      window: { amount: 30, unit: "days" },
      compare: { with: "previous_window", operator: "<", value: 20, unit: "percent" },
    };
  return { kind };
}

export function newAction(kind, document, entity) {
  if (kind === "alert") return { kind, to: [{ kind: "owner" }], message: { zh: "请关注", en: "Please take a look" } };
  if (kind === "suggest") return { kind, message: { zh: "建议", en: "Suggestion" } };
  if (kind === "set_field") return { kind, field: entity?.fields[0]?.id ?? "", value: null };
  if (kind === "start_workflow") return { kind, workflow: (document.workflows ?? []).find((workflow) => workflow.entity === entity?.id)?.id ?? "" };
  return { kind, entity: entity?.id ?? "", values: {} };
}

export function newRule(id, document) {
  const entity = document.entities[0];
  return { id, label: { zh: "新规则", en: "New rule" }, entity: entity.id, trigger: { kind: "record_created" }, actions: [newAction("alert", document, entity)] };
}
