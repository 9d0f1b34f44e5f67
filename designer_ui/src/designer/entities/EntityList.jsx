// The app's entities: pick one to edit, or add one.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { useDesigner } from "../model/DesignerContext.jsx";
import { freeId } from "../model/ids.js";
import { appendAt } from "../model/pointer.js";
import { ProblemBadge } from "../problems/ProblemBadge.jsx";

export function EntityList({ selected, onSelect }) {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const entities = definition.entities ?? [];
  const choose = (index) => onSelect(index);
  const add = () => {
    const id = freeId("entity", entities.map((entity) => entity.id));
    const entity = { id, label: { zh: "新记录类型", en: "New record type" }, fields: [{ id: "name", type: "text", label: { zh: "名称", en: "Name" }, required: true }], title_field: "name" };
    update((document) => appendAt(document, "/entities", entity));
    choose(entities.length);
  };
  return (
    <nav className="item-list" aria-label={t("entities.title")}>
      <h2>{t("entities.title")}</h2>
      <ul>
        {entities.map((entity, index) => (
          <li key={`${entity.id}-${index}`} data-path={`/entities/${index}`}>
            <button type="button" className={index === selected ? "selected" : ""} onClick={() => choose(index)} data-testid={`entity-${entity.id}`}>
              {labelText(entity.label, language, entity.id)} <ProblemBadge path={`/entities/${index}`} />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={add}>
        {t("entities.add")}
      </button>
    </nav>
  );
}
