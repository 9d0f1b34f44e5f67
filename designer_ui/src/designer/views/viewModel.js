// New views and widgets with what their kind requires.

export const VIEW_KINDS = ["table", "kanban", "calendar", "detail", "dashboard"];
export const WIDGET_KINDS = ["kpi", "bar", "line", "pie", "funnel", "table"];
export const AGGREGATES = ["count", "sum", "avg", "min", "max"];
export const BUCKETS = ["day", "week", "month", "quarter", "year"];

function firstOf(entity, types) {
  return entity?.fields.find((field) => types.includes(field.type))?.id;
}

export function newView(kind, id, document) {
  const entity = document.entities[0];
  const base = { id, kind, label: { zh: "新视图", en: "New view" } };
  if (kind === "dashboard") return { ...base, widgets: [newWidget("kpi", "widget_1", document)] };
  const view = { ...base, entity: entity.id };
  if (kind === "table") view.columns = entity.fields.slice(0, 4).map((field) => field.id);
  if (kind === "kanban") view.group_by = firstOf(entity, ["choice"]) ?? "";
  if (kind === "calendar") view.date_field = firstOf(entity, ["date", "datetime"]) ?? "";
  return view;
}

export function newWidget(kind, id, document) {
  const entity = document.entities[0];
  const widget = { id, kind, label: { zh: "新图表", en: "New chart" }, entity: entity.id };
  if (kind === "table") return { ...widget, columns: entity.fields.slice(0, 3).map((field) => field.id) };
  widget.aggregate = { function: "count" };
  if (kind !== "kpi") widget.group_by = { field: firstOf(entity, ["choice", "user", "text"]) ?? "owner" };
  return widget;
}
