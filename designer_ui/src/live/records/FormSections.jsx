// The sections of a record form (uiSchema "ui:options".sections): each a fieldset with its title and 1–3 columns.
import { getUiOptions } from "@rjsf/utils";

export function FormSections(props) {
  const { properties, uiSchema, fieldPathId, title } = props;
  const { sections } = getUiOptions(uiSchema);
  const isRoot = fieldPathId?.$id === "root";
  if (!isRoot || !Array.isArray(sections)) {
    return (
      <fieldset id={fieldPathId?.$id}>
        {title && !isRoot && <legend>{title}</legend>}
        {properties.map((property) => property.content)}
      </fieldset>
    );
  }
  const byName = new Map(properties.map((property) => [property.name, property]));
  const placed = new Set(sections.flatMap((section) => section.fields));
  const rest = properties.filter((property) => !placed.has(property.name));
  return (
    <div className="form-sections">
      {sections
        .filter((section) => section.fields.some((name) => byName.has(name)))
        .map((section) => (
          <fieldset key={section.id} className="form-section" data-section={section.id}>
            {section.title && <legend>{section.title}</legend>}
            <div className={`form-grid columns-${Math.min(3, Math.max(1, section.columns || 1))}`}>
              {section.fields.map((name) => byName.get(name)?.content)}
            </div>
          </fieldset>
        ))}
      {rest.map((property) => property.content)}
    </div>
  );
}
