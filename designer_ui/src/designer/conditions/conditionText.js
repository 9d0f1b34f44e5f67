// A condition as one line of text for labels on the flow and in lists: "Amount < 50000 and Stage in (Open, Won)".
import { labelText } from "../../shared/labels.js";
import { SYSTEM_FIELDS } from "./fieldCatalog.js";

const CONNECTIVES = { zh: { and: " 且 ", or: " 或 ", not: "非" }, en: { and: " and ", or: " or ", not: "not " } };

function valueText(field, value, language) {
  if (Array.isArray(value)) return `(${value.map((item) => valueText(field, item, language)).join(", ")})`;
  if (value && typeof value === "object" && "amount" in value) return `${value.amount} ${value.unit}`;
  const option = field?.options?.find((item) => item.id === value);
  return option ? labelText(option.label, language, option.id) : String(value);
}

/** The condition in words, with field and option names in the language. */
export function conditionText(condition, entity, definitions, language) {
  if (!condition || typeof condition !== "object") return "";
  const fields = [...(entity?.fields ?? []), ...SYSTEM_FIELDS];
  const parts = (condition.rules ?? []).map((item) => {
    if (Array.isArray(item?.rules)) return `(${conditionText(item, entity, definitions, language)})`;
    if (typeof item?.definition === "string") {
      const named = (definitions ?? []).find((definition) => definition.id === item.definition);
      return labelText(named?.label, language, item.definition);
    }
    const field = fields.find((candidate) => candidate.id === item?.field);
    const name = labelText(field?.label, language, item?.field ?? "?");
    if (item?.operator === "null" || item?.operator === "notNull") return `${name} ${item.operator === "null" ? "= ∅" : "≠ ∅"}`;
    return `${name} ${item?.operator} ${valueText(field, item?.value, language)}`;
  });
  const words = CONNECTIVES[language] ?? CONNECTIVES.en;
  const joined = parts.join(condition.combinator === "or" ? words.or : words.and);
  return condition.not ? `${words.not}(${joined})` : joined;
}
