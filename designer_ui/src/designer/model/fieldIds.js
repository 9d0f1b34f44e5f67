// Changing a field's id in the designer: the field and the places that name it (the entity's title field, forms,
// and views of the entity) follow; a reference anywhere else is left for the validator to point out.
import { setAt } from "./pointer.js";

const VIEW_LISTS = ["columns", "card_fields", "fields"];
const VIEW_SINGLES = ["group_by", "date_field", "end_field"];

function renamed(list, from, to) {
  return Array.isArray(list) ? list.map((item) => (item === from ? to : item)) : list;
}

function renamedView(view, from, to) {
  const copy = { ...view };
  for (const key of VIEW_LISTS) if (key in copy) copy[key] = renamed(copy[key], from, to);
  for (const key of VIEW_SINGLES) if (copy[key] === from) copy[key] = to;
  if (Array.isArray(copy.sort)) copy.sort = copy.sort.map((key) => (key.field === from ? { ...key, field: to } : key));
  return copy;
}

/** The document with field `fieldIndex` of entity `entityIndex` given the id `to`, and its references renamed. */
export function withFieldId(document, entityIndex, fieldIndex, to) {
  const entity = document.entities[entityIndex];
  const from = entity.fields[fieldIndex].id;
  let changed = setAt(document, `/entities/${entityIndex}/fields/${fieldIndex}/id`, to);
  if (!from || from === to) return changed;
  if (entity.title_field === from) changed = setAt(changed, `/entities/${entityIndex}/title_field`, to);
  const forms = (changed.forms ?? []).map((form) =>
    form.entity === entity.id
      ? { ...form, sections: form.sections.map((section) => ({ ...section, fields: renamed(section.fields, from, to) })) }
      : form,
  );
  const views = (changed.views ?? []).map((view) => (view.entity === entity.id ? renamedView(view, from, to) : view));
  if (changed.forms) changed = { ...changed, forms };
  if (changed.views) changed = { ...changed, views };
  return changed;
}
