// Values of records as text: money, percent and numbers per column metadata (scale, currency), dates and moments in
// the app's time zone, options by their labels. Always plain strings: React renders them as text, never as markup.
import { labelText } from "../../shared/labels.js";

export const EMPTY = "—";
const LOCALES = { zh: "zh-CN", en: "en-US" };
const NUMERIC = new Set(["integer", "number", "money", "percent", "rating"]);
const WORKFLOW_STATES = {
  draft: { zh: "草稿", en: "Draft" },
  in_approval: { zh: "审批中", en: "In approval" },
  in_review: { zh: "审批中", en: "In approval" },
  revising: { zh: "退回修改", en: "Sent back" },
  approved: { zh: "已通过", en: "Approved" },
  rejected: { zh: "已驳回", en: "Rejected" },
  withdrawn: { zh: "已撤回", en: "Withdrawn" },
  cancelled: { zh: "已取消", en: "Cancelled" },
};
const YES_NO = { true: { zh: "是", en: "Yes" }, false: { zh: "否", en: "No" } };

export function locale(language) {
  return LOCALES[language] ?? LOCALES.en;
}

/** The type a column's values are shown as: a computed field shows as its `format` (number by default). */
export function displayType(column) {
  if (!column) return "text";
  if (column.type === "computed") return column.format || "number";
  return column.type;
}

/** A number with a fixed count of decimals (or as many as it has, up to 10, without `scale`). */
export function formatNumber(value, language, scale) {
  const digits = Number.isInteger(scale) ? { minimumFractionDigits: scale, maximumFractionDigits: scale } : { maximumFractionDigits: 10 };
  return new Intl.NumberFormat(locale(language), digits).format(value);
}

/** An amount in its currency (ISO code), with `scale` decimals (2 by default). */
export function formatMoney(value, language, currency, scale = 2) {
  const digits = { minimumFractionDigits: scale, maximumFractionDigits: scale };
  if (currency) {
    try {
      return new Intl.NumberFormat(locale(language), { style: "currency", currency, ...digits }).format(value);
    } catch {
      return `${new Intl.NumberFormat(locale(language), digits).format(value)} ${currency}`;
    }
  }
  return new Intl.NumberFormat(locale(language), digits).format(value);
}

/** A percentage written as a number (15 means 15 %). */
export function formatPercent(value, language, scale) {
  return `${formatNumber(value, language, scale)}%`;
}

/** A calendar date ("2025-03-06") as the language writes it; it has no time zone, so none is applied. */
export function formatDate(value, language) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  if (!match) return String(value);
  const moment = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale(language), { dateStyle: "medium", timeZone: "UTC" }).format(moment);
}

/** A moment (ISO text, UTC) as date and time in the app's time zone. */
export function formatMoment(value, language, timeZone) {
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return String(value);
  const options = { dateStyle: "medium", timeStyle: "short", timeZone: timeZone || "UTC" };
  try {
    return new Intl.DateTimeFormat(locale(language), options).format(moment);
  } catch {
    return new Intl.DateTimeFormat(locale(language), { ...options, timeZone: "UTC" }).format(moment);
  }
}

/** The calendar day ("YYYY-MM-DD") a moment falls on in a time zone. */
export function dayInZone(value, timeZone) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(String(value))) return String(value);
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return null;
  const parts = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: timeZone || "UTC",
  }).formatToParts(moment);
  const part = (type) => parts.find((item) => item.type === type)?.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}

function optionText(column, value, language) {
  const option = column?.options?.find((item) => item.id === value);
  if (option) return labelText(option.label, language, String(value));
  if (column?.id === "workflow_state" && WORKFLOW_STATES[value]) return labelText(WORKFLOW_STATES[value], language);
  return String(value);
}

/**
 * A value as text for a column {type, options?, scale?, currency?, format?}.
 * context: {language, timeZone, refTitle(entity, id) → title | undefined}.
 */
export function formatValue(value, column, context = {}) {
  const { language = "en", timeZone = "UTC", refTitle } = context;
  if (value === null || value === undefined || value === "") return EMPTY;
  const type = displayType(column);
  if (NUMERIC.has(type) && typeof value !== "number") return String(value);
  switch (type) {
    case "money":
      return formatMoney(value, language, column.currency, column.scale ?? 2);
    case "percent":
      return formatPercent(value, language, column.scale);
    case "integer":
      return formatNumber(value, language, 0);
    case "number":
      return formatNumber(value, language, column.scale);
    case "rating":
      return `${"★".repeat(Math.max(0, Math.min(10, Math.round(value))))} ${value}`;
    case "boolean":
      return labelText(YES_NO[String(Boolean(value))], language);
    case "date":
      return formatDate(value, language);
    case "datetime":
      return formatMoment(value, language, timeZone);
    case "choice":
      return optionText(column, value, language);
    case "multichoice":
      return Array.isArray(value) ? value.map((item) => optionText(column, item, language)).join(", ") || EMPTY : String(value);
    case "ref": {
      const title = refTitle?.(column.target_entity, value);
      return title ? title : `#${value}`;
    }
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/** A KPI or chart value: in the aggregate's units (a count is a whole number; an average has 2 more decimals). */
export function formatAggregate(value, aggregate, language) {
  if (value === null || value === undefined) return EMPTY;
  const column = aggregate?.column;
  const fn = aggregate?.function;
  if (fn === "count" || !column) return formatNumber(value, language, Number.isInteger(value) ? 0 : 2);
  const extra = fn === "avg" ? 2 : 0;
  const type = displayType(column);
  if (type === "money") return formatMoney(value, language, column.currency, (column.scale ?? 2) + extra);
  if (type === "percent") return formatPercent(value, language, column.scale === undefined ? undefined : column.scale + extra);
  if (type === "integer" || type === "rating") return formatNumber(value, language, extra || 0);
  return formatNumber(value, language, column.scale === undefined ? undefined : column.scale + extra);
}

/** A signed change ("+83,000.00", "−12.5%"). */
export function formatChange(text, value) {
  if (value === null || value === undefined) return EMPTY;
  if (value > 0) return `+${text}`;
  return text;
}

/** A label of the definition, or an id when it has none. */
export function labelOf(item, language) {
  return labelText(item?.label, language, item?.id ?? "");
}
