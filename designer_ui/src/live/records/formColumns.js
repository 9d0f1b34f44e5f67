// Columns (id, label, type, options, currency, target entity) of an entity that has no view, read from its form.

/** The form's fields in its order as view columns (labels in the form's language). */
export function columnsFromForm(answer) {
  const ui = answer?.uiSchema ?? {};
  const properties = answer?.update_schema?.properties ?? answer?.schema?.properties ?? {};
  const order = (ui["ui:order"] ?? Object.keys(properties)).filter((name) => name !== "*" && name !== "row_version" && properties[name]);
  return order.map((id) => {
    const field = ui[id] ?? {};
    const hints = field["ui:options"]?.dabble ?? {};
    const column = { id, label: field["ui:title"] ?? properties[id].title ?? id, type: hints.type ?? "text" };
    if (hints.currency) column.currency = hints.currency;
    if (hints.entity) column.target_entity = hints.entity;
    const names = field["ui:enumNames"] ?? field.items?.["ui:enumNames"];
    if (names && typeof names === "object" && !Array.isArray(names)) {
      column.options = Object.entries(names)
        .filter(([option]) => option !== "null")
        .map(([option, label]) => ({ id: option, label }));
    }
    return column;
  });
}
