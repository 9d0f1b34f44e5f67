// Form layout: each form's sections, their columns and fields, with the preview beside them.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { FormPreview } from "../entities/FormPreview.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { freeId } from "../model/ids.js";
import { appendAt } from "../model/pointer.js";
import { useSelection } from "../problems/useSelection.js";
import { ProblemBadge } from "../problems/ProblemBadge.jsx";
import { FormEditor } from "./FormEditor.jsx";

export function FormsTab() {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const forms = definition.forms ?? [];
  const [chosen, setChosen] = useSelection("forms");
  const index = Math.min(chosen, Math.max(forms.length - 1, 0));
  const withoutForm = (definition.entities ?? []).filter((entity) => !forms.some((form) => form.entity === entity.id));
  const addForm = (entity) => {
    const fields = entity.fields.filter((field) => field.type !== "computed").map((field) => field.id);
    const id = freeId(`${entity.id}_form`.slice(0, 36), forms.map((form) => form.id));
    update((document) => appendAt(document, "/forms", { id, entity: entity.id, sections: [{ id: "main", columns: 2, fields }] }));
    setChosen(forms.length);
  };
  const form = forms[index];
  return (
    <div className="tab-columns">
      <nav className="item-list" aria-label={t("forms.title")}>
        <h2>{t("forms.title")}</h2>
        <ul>
          {forms.map((item, position) => (
            <li key={`${item.id}-${position}`} data-path={`/forms/${position}`}>
              <button type="button" className={position === index ? "selected" : ""} onClick={() => setChosen(position)}>
                {labelText(item.label, language, item.id)} <ProblemBadge path={`/forms/${position}`} />
              </button>
            </li>
          ))}
        </ul>
        {withoutForm.map((entity) => (
          <button key={entity.id} type="button" onClick={() => addForm(entity)}>
            {t("forms.addFor", { entity: labelText(entity.label, language, entity.id) })}
          </button>
        ))}
      </nav>
      {form ? (
        <>
          <FormEditor key={index} index={index} />
          <section className="preview-column">
            <h2>{t("preview.title")}</h2>
            <FormPreview entityId={form.entity} formId={form.id} />
          </section>
        </>
      ) : (
        <p className="muted">{t("forms.none")}</p>
      )}
    </div>
  );
}
