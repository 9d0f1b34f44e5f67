// Entities and their fields, with the live preview of the record form beside them.
import { useTranslation } from "react-i18next";
import { useDesigner } from "../model/DesignerContext.jsx";
import { childIndex, useSelection } from "../problems/useSelection.js";
import { EntityEditor } from "./EntityEditor.jsx";
import { EntityList } from "./EntityList.jsx";
import { FormPreview } from "./FormPreview.jsx";

export function EntitiesTab() {
  const { t } = useTranslation("designer");
  const { definition } = useDesigner();
  const [chosen, setChosen, focused] = useSelection("entities");
  const entities = definition.entities ?? [];
  const index = Math.min(chosen, Math.max(entities.length - 1, 0));
  const entity = entities[index];
  return (
    <div className="tab-columns entities-tab">
      <EntityList selected={index} onSelect={setChosen} />
      {entity ? (
        <>
          <EntityEditor key={index} index={index} focusedField={focused?.index === index ? childIndex(focused, "fields") : null} />
          <section className="preview-column" aria-labelledby="preview-title">
            <h2 id="preview-title">{t("preview.title")}</h2>
            <FormPreview entityId={entity.id} />
          </section>
        </>
      ) : (
        <p className="muted">{t("entities.none")}</p>
      )}
    </div>
  );
}
