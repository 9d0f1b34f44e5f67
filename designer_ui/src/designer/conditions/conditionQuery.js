// The condition language is react-querybuilder's shape already; these two functions adapt the details:
// definition references, durations, lists and numbers, and drop the builder's own ids and paths.
import { DEFINITION_FIELD, DURATION_OPERATORS, LIST_OPERATORS, NO_VALUE_OPERATORS, NUMERIC_TYPES } from "./fieldCatalog.js";

const DURATION = /^\s*(\d+)\s*(hours|days|weeks)\s*$/;

function editorValue(rule) {
  const { operator, value } = rule;
  if (DURATION_OPERATORS.has(operator) && value && typeof value === "object") return `${value.amount} ${value.unit}`;
  if (typeof value === "boolean") return String(value);
  return value ?? "";
}

/** A condition of the definition → a react-querybuilder query. */
export function toQuery(condition) {
  const group = condition && typeof condition === "object" ? condition : { combinator: "and", rules: [] };
  const query = { combinator: group.combinator ?? "and", rules: (group.rules ?? []).map(toQueryItem) };
  if (group.not) query.not = true;
  return query;
}

function toQueryItem(item) {
  if (item && Array.isArray(item.rules)) return toQuery(item);
  if (item && typeof item.definition === "string") return { field: DEFINITION_FIELD, operator: "=", value: item.definition };
  return { field: item.field, operator: item.operator, value: editorValue(item) };
}

function converted(raw, type) {
  if (raw === "" || raw === null || raw === undefined) return raw;
  if (NUMERIC_TYPES.has(type) || type === "ref") {
    const number = Number(raw);
    return typeof raw === "string" && raw.trim() !== "" && Number.isFinite(number) ? number : raw;
  }
  if (type === "boolean") return raw === true || raw === "true" ? true : raw === false || raw === "false" ? false : raw;
  return typeof raw === "string" ? raw.trim() : raw;
}

function listOf(value) {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return value.split(",").filter((part) => part.trim() !== "");
  return value === undefined || value === null ? [] : [value];
}

function conditionValue(rule, type) {
  const { operator, value } = rule;
  if (DURATION_OPERATORS.has(operator)) {
    const match = typeof value === "string" ? DURATION.exec(value) : null;
    return match ? { amount: Number(match[1]), unit: match[2] } : value;
  }
  if (LIST_OPERATORS.has(operator) || operator === "between") return listOf(value).map((item) => converted(item, type));
  return converted(value, type);
}

/** A react-querybuilder query → a condition of the definition (`types`: field id → field type). */
export function fromQuery(query, types) {
  const group = { combinator: query.combinator ?? "and", rules: (query.rules ?? []).map((item) => fromQueryItem(item, types)) };
  if (query.not) group.not = true;
  return group;
}

function fromQueryItem(item, types) {
  if (Array.isArray(item.rules)) return fromQuery(item, types);
  if (item.field === DEFINITION_FIELD) return { definition: item.value };
  if (NO_VALUE_OPERATORS.has(item.operator)) return { field: item.field, operator: item.operator };
  return { field: item.field, operator: item.operator, value: conditionValue(item, types[item.field]) };
}
