// One form: its sections, each with a title, 1–4 columns and an ordered list of fields.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { LabelInput } from "../common/LabelInput.jsx";
import { NumberInput } from "../common/inputs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { freeId } from "../model/ids.js";
import { appendAt, moveAt, removeAt, setAt } from "../model/pointer.js";
import { ProblemMessages } from "../problems/ProblemBadge.jsx";

export function FormEditor({ index }) {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const form = definition.forms[index];
  const path = `/forms/${index}`;
  const entity = (definition.entities ?? []).find((item) => item.id === form.entity);
  const fieldName = (id) => labelText(entity?.fields.find((field) => field.id === id)?.label, language, id);
  const placed = new Set(form.sections.flatMap((section) => section.fields));
  const unplaced = (entity?.fields ?? []).filter((field) => !placed.has(field.id) && field.type !== "computed");
  const addSection = () => {
    const id = freeId("section", form.sections.map((section) => section.id));
    update((document) => appendAt(document, `${path}/sections`, { id, label: { zh: "新分组", en: "New section" }, columns: 1, fields: unplaced.slice(0, 1).map((field) => field.id) }));
  };
  return (
    <section className="editor-column" data-path={path}>
      <h2>{labelText(form.label, language, form.id)}</h2>
      <LabelInput label={form.label} onChange={(value) => update((document) => setAt(document, `${path}/label`, value))} path={`${path}/label`} />
      <ProblemMessages path={`${path}/sections`} />
      {form.sections.map((section, sectionIndex) => {
        const sectionPath = `${path}/sections/${sectionIndex}`;
        return (
          <fieldset key={`${section.id}-${sectionIndex}`} className="section-editor" data-path={sectionPath}>
            <legend>{labelText(section.label, language, section.id)}</legend>
            <div className="editor-grid">
              <LabelInput label={section.label} caption={t("forms.sectionTitle")} onChange={(value) => update((document) => setAt(document, `${sectionPath}/label`, value))} path={`${sectionPath}/label`} />
              <NumberInput caption={t("forms.columns")} value={section.columns ?? 1} min={1} max={4} step={1} onChange={(value) => update((document) => setAt(document, `${sectionPath}/columns`, value))} path={`${sectionPath}/columns`} />
            </div>
            <ol className="chip-list">
              {section.fields.map((fieldId, fieldIndex) => (
                <li key={`${fieldId}-${fieldIndex}`} className="chip" data-path={`${sectionPath}/fields/${fieldIndex}`}>
                  {fieldName(fieldId)}
                  <button type="button" aria-label={t("common.moveUp")} disabled={fieldIndex === 0} onClick={() => update((document) => moveAt(document, `${sectionPath}/fields`, fieldIndex, fieldIndex - 1))}>
                    ↑
                  </button>
                  <button type="button" aria-label={t("common.remove")} onClick={() => update((document) => removeAt(document, `${sectionPath}/fields/${fieldIndex}`))}>
                    ×
                  </button>
                  <ProblemMessages path={`${sectionPath}/fields/${fieldIndex}`} />
                </li>
              ))}
            </ol>
            {unplaced.length > 0 && (
              <select value="" aria-label={t("forms.addField")} onChange={(event) => event.target.value && update((document) => appendAt(document, `${sectionPath}/fields`, event.target.value))}>
                <option value="">{t("forms.addField")}</option>
                {unplaced.map((field) => (
                  <option key={field.id} value={field.id}>
                    {labelText(field.label, language, field.id)}
                  </option>
                ))}
              </select>
            )}
            <button type="button" className="danger" disabled={form.sections.length <= 1} onClick={() => update((document) => removeAt(document, sectionPath))}>
              {t("forms.removeSection")}
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={addSection}>
        {t("forms.addSection")}
      </button>
    </section>
  );
}
