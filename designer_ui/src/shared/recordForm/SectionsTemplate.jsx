// react-jsonschema-form's object template for Dabble forms: the fields in the form's sections, each section a grid
// of 1–4 columns (uiSchema["ui:options"].sections = [{id, title, columns, fields}], compiled by the builder).

export function SectionsTemplate({ properties, uiSchema }) {
  const sections = uiSchema?.["ui:options"]?.sections;
  if (!Array.isArray(sections)) {
    return <div className="form-section">{properties.map((property) => property.content)}</div>;
  }
  const byName = new Map(properties.map((property) => [property.name, property]));
  const placed = new Set(sections.flatMap((section) => section.fields));
  const rest = properties.filter((property) => !placed.has(property.name));
  return (
    <>
      {sections.map((section) => (
        <fieldset key={section.id} className="form-section" data-section={section.id}>
          {section.title && <legend>{section.title}</legend>}
          <div className="form-grid" style={{ "--columns": section.columns ?? 1 }}>
            {section.fields.map((name) => byName.get(name)?.content)}
          </div>
        </fieldset>
      ))}
      {rest.map((property) => property.content)}
    </>
  );
}
