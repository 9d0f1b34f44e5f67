// Field types and what changing a field's type keeps: the common properties, plus the new type's required ones.

export const FIELD_TYPES = [
  "text",
  "longtext",
  "integer",
  "number",
  "money",
  "percent",
  "boolean",
  "date",
  "datetime",
  "choice",
  "multichoice",
  "email",
  "phone",
  "url",
  "rating",
  "user",
  "ref",
  "computed",
];
export const VISIBILITY_LEVELS = ["everyone", "collaborators", "supervisor", "owner"];
const COMMON = ["id", "type", "label", "required", "help", "visibility", "owner_may_narrow", "read_only"];
export const HAS_OPTIONS = new Set(["choice", "multichoice"]);

/** The field as `type`: common properties kept, the type's required properties given a starting value. */
export function retype(field, type, definition) {
  const kept = Object.fromEntries(COMMON.filter((key) => key in field).map((key) => [key, field[key]]));
  kept.type = type;
  if (HAS_OPTIONS.has(type)) {
    kept.options = field.options?.length ? field.options : [{ id: "option_1", label: { zh: "选项 1", en: "Option 1" } }];
  }
  if (type === "money") kept.currency = field.currency ?? "CNY";
  if (type === "ref") kept.entity = field.entity ?? definition?.entities?.[0]?.id ?? "";
  if (type === "computed") {
    kept.formula = field.formula ?? "0";
    delete kept.required;
  }
  if (type === "rating") kept.max = 5;
  return kept;
}

/** A new text field with a free id. */
export function newField(id) {
  return { id, type: "text", label: { zh: "新字段", en: "New field" } };
}
