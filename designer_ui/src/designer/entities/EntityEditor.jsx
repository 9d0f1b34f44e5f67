// One entity: its name, id and title field, and its fields (reorder by drag, edit the selected one).
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { LabelInput } from "../common/LabelInput.jsx";
import { IdInput, SelectInput } from "../common/inputs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { newField } from "../model/fields.js";
import { freeId } from "../model/ids.js";
import { appendAt, removeAt, setAt } from "../model/pointer.js";
import { FieldEditor } from "./FieldEditor.jsx";
import { FieldList } from "./FieldList.jsx";

const TITLE_TYPES = new Set(["text", "email", "phone", "url"]);

/** The document with a new field on the entity and on the last section of the entity's first form. */
export function withNewField(document, entityIndex, field) {
  const entity = document.entities[entityIndex];
  let changed = appendAt(document, `/entities/${entityIndex}/fields`, field);
  const formIndex = (document.forms ?? []).findIndex((form) => form.entity === entity.id);
  if (formIndex >= 0) {
    const sections = document.forms[formIndex].sections ?? [];
    if (sections.length) changed = appendAt(changed, `/forms/${formIndex}/sections/${sections.length - 1}/fields`, field.id);
  }
  return changed;
}

export function EntityEditor({ index, focusedField }) {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const entity = definition.entities[index];
  const [fieldIndex, setChosenField] = useState(focusedField);
  useEffect(() => {
    if (focusedField !== null) setChosenField(focusedField);
  }, [focusedField]);
  const path = `/entities/${index}`;
  const set = (key, value) => update((document) => setAt(document, `${path}/${key}`, value));
  const addField = () => {
    const id = freeId("field", entity.fields.map((field) => field.id));
    update((document) => withNewField(document, index, newField(id)));
    setChosenField(entity.fields.length);
  };
  const removeEntity = () => {
    if (window.confirm(t("entities.confirmRemove"))) update((document) => removeAt(document, path));
  };
  const titleChoices = entity.fields.filter((field) => TITLE_TYPES.has(field.type)).map((field) => [field.id, labelText(field.label, language, field.id)]);
  return (
    <section className="editor-column" data-path={path} aria-labelledby="entity-title">
      <h2 id="entity-title">{labelText(entity.label, language, entity.id)}</h2>
      <div className="editor-grid">
        <LabelInput label={entity.label} onChange={(value) => set("label", value)} path={`${path}/label`} testId="entity-label" />
        <IdInput value={entity.id} onChange={(value) => set("id", value)} path={`${path}/id`} />
        <SelectInput
          caption={t("entities.titleField")}
          value={entity.title_field}
          optional
          choices={titleChoices}
          onChange={(value) => set("title_field", value)}
          path={`${path}/title_field`}
        />
      </div>
      <h3>{t("fields.title")}</h3>
      <FieldList entityIndex={index} selected={fieldIndex} onSelect={setChosenField} />
      <div className="row-actions">
        <button type="button" onClick={addField} data-testid="add-field">
          {t("fields.add")}
        </button>
        <button type="button" className="danger" onClick={removeEntity}>
          {t("entities.remove")}
        </button>
      </div>
      {fieldIndex !== null && entity.fields[fieldIndex] && (
        <FieldEditor key={`${index}-${fieldIndex}`} entityIndex={index} fieldIndex={fieldIndex} onRemoved={() => setChosenField(null)} />
      )}
    </section>
  );
}
