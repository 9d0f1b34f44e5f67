// The fields a condition about one entity may compare: own fields, system fields, and named definitions,
// with the operators the condition language accepts for each field type (docs/definition.md).
import { labelText } from "../../shared/labels.js";

export const DEFINITION_FIELD = "@definition"; // stands for {"definition": id} items (not a valid field id)
export const NUMERIC_TYPES = new Set(["integer", "number", "money", "percent", "rating", "computed"]);
const TEXT_TYPES = new Set(["text", "longtext", "email", "phone", "url"]);
export const DURATION_OPERATORS = new Set(["withinLast", "olderThan"]);
export const LIST_OPERATORS = new Set(["in", "notIn"]);
export const NO_VALUE_OPERATORS = new Set(["null", "notNull"]);

export const SYSTEM_FIELDS = [
  { id: "id", type: "integer", label: { zh: "记录编号", en: "Record number" } },
  { id: "owner", type: "user", label: { zh: "负责人", en: "Owner" } },
  { id: "created_at", type: "datetime", label: { zh: "创建时间", en: "Created at" } },
  { id: "created_by", type: "user", label: { zh: "创建人", en: "Created by" } },
  { id: "updated_at", type: "datetime", label: { zh: "更新时间", en: "Updated at" } },
  { id: "updated_by", type: "user", label: { zh: "更新人", en: "Updated by" } },
  {
    id: "workflow_state",
    type: "choice",
    label: { zh: "审批状态", en: "Approval state" },
    options: ["draft", "in_review", "approved", "rejected", "cancelled"].map((id) => ({ id, label: id })),
  },
];

/** The operators a field type accepts, in the order the editor offers them. */
export function operatorsFor(type) {
  if (TEXT_TYPES.has(type)) return ["=", "!=", "in", "notIn", "contains", "beginsWith", "null", "notNull"];
  if (NUMERIC_TYPES.has(type)) return ["=", "!=", "<", "<=", ">", ">=", "between", "in", "notIn", "null", "notNull"];
  if (type === "boolean") return ["=", "!=", "null", "notNull"];
  if (type === "date" || type === "datetime")
    return ["=", "!=", "<", "<=", ">", ">=", "between", "withinLast", "olderThan", "null", "notNull"];
  if (type === "multichoice") return ["contains", "null", "notNull"];
  return ["=", "!=", "in", "notIn", "null", "notNull"]; // choice, user, ref
}

function valueEditor(field) {
  return (operator) => {
    if (field.type === "boolean") return "select";
    if (field.type === "choice") return LIST_OPERATORS.has(operator) ? "multiselect" : "select";
    if (field.type === "multichoice") return "select";
    return "text";
  };
}

function inputType(type) {
  if (NUMERIC_TYPES.has(type) || type === "ref") return "number";
  if (type === "date") return "date";
  if (type === "datetime") return "datetime-local";
  return "text";
}

/** The react-querybuilder `fields` for conditions about `entity` (operator labels come from `operatorLabel`). */
export function conditionFields(entity, definitions, language, operatorLabel) {
  const fields = [...(entity?.fields ?? []), ...SYSTEM_FIELDS].map((field) => {
    const options = (field.options ?? []).map((option) => ({ name: option.id, label: labelText(option.label, language, option.id) }));
    const booleans = [
      { name: "true", label: operatorLabel("true") },
      { name: "false", label: operatorLabel("false") },
    ];
    return {
      name: field.id,
      label: labelText(field.label, language, field.id),
      operators: operatorsFor(field.type).map((name) => ({ name, label: operatorLabel(name) })),
      valueEditorType: valueEditor(field),
      inputType: inputType(field.type),
      values: field.type === "boolean" ? booleans : options,
    };
  });
  const named = (definitions ?? []).filter((item) => item.entity === entity?.id);
  if (named.length) {
    fields.push({
      name: DEFINITION_FIELD,
      label: operatorLabel("definition"),
      operators: [{ name: "=", label: operatorLabel("is") }],
      valueEditorType: "select",
      values: named.map((item) => ({ name: item.id, label: labelText(item.label, language, item.id) })),
      defaultValue: named[0].id,
    });
  }
  return fields;
}

/** field id → type, own and system fields. */
export function fieldTypes(entity) {
  return Object.fromEntries([...(entity?.fields ?? []), ...SYSTEM_FIELDS].map((field) => [field.id, field.type]));
}
