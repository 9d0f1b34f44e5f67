// Each field's visibility level (everyone → owner only), per entity.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { useDesigner } from "../model/DesignerContext.jsx";
import { VISIBILITY_LEVELS } from "../model/fields.js";
import { setAt } from "../model/pointer.js";

export function FieldVisibility() {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  return (
    <div className="visibility-grid">
      {(definition.entities ?? []).map((entity, entityIndex) => (
        <table key={`${entity.id}-${entityIndex}`} className="matrix">
          <caption>{labelText(entity.label, language, entity.id)}</caption>
          <tbody>
            {entity.fields.map((field, fieldIndex) => (
              <tr key={`${field.id}-${fieldIndex}`} data-path={`/entities/${entityIndex}/fields/${fieldIndex}/visibility`}>
                <th scope="row">{labelText(field.label, language, field.id)}</th>
                <td>
                  <select
                    aria-label={`${labelText(field.label, language, field.id)} ${t("fields.visibility")}`}
                    value={field.visibility ?? "everyone"}
                    onChange={(event) =>
                      update((document) =>
                        setAt(document, `/entities/${entityIndex}/fields/${fieldIndex}/visibility`, event.target.value === "everyone" ? undefined : event.target.value),
                      )
                    }
                  >
                    {VISIBILITY_LEVELS.map((level) => (
                      <option key={level} value={level}>
                        {t(`visibility.${level}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
