// An ordered list of field ids (table columns, card fields, detail fields): add from a list, reorder, remove.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { SYSTEM_FIELDS } from "../conditions/fieldCatalog.js";
import { useDesigner } from "../model/DesignerContext.jsx";
import { ProblemMessages } from "../problems/ProblemBadge.jsx";

export function FieldPicker({ value, onChange, entityId, path, caption, withSystem = true }) {
  const { t } = useTranslation("designer");
  const { definition, language } = useDesigner();
  const entity = (definition.entities ?? []).find((item) => item.id === entityId);
  const fields = [...(entity?.fields ?? []), ...(withSystem ? SYSTEM_FIELDS : [])];
  const name = (id) => labelText(fields.find((field) => field.id === id)?.label, language, id);
  const chosen = value ?? [];
  const move = (from, to) => {
    const copy = [...chosen];
    const [item] = copy.splice(from, 1);
    copy.splice(to, 0, item);
    onChange(copy);
  };
  return (
    <fieldset className="field-picker" data-path={path}>
      <legend>{caption}</legend>
      <ProblemMessages path={path} />
      <ol className="chip-list">
        {chosen.map((id, index) => (
          <li key={`${id}-${index}`} className="chip" data-path={`${path}/${index}`}>
            {name(id)}
            <button type="button" aria-label={t("common.moveUp")} disabled={index === 0} onClick={() => move(index, index - 1)}>
              ↑
            </button>
            <button type="button" aria-label={t("common.remove")} onClick={() => onChange(chosen.filter((_, position) => position !== index))}>
              ×
            </button>
            <ProblemMessages path={`${path}/${index}`} />
          </li>
        ))}
      </ol>
      <select value="" aria-label={t("views.addField")} onChange={(event) => event.target.value && onChange([...chosen, event.target.value])}>
        <option value="">{t("views.addField")}</option>
        {fields
          .filter((field) => !chosen.includes(field.id))
          .map((field) => (
            <option key={field.id} value={field.id}>
              {labelText(field.label, language, field.id)}
            </option>
          ))}
      </select>
    </fieldset>
  );
}
