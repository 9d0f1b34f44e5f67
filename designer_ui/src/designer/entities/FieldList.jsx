// The fields of an entity in order: drag a row (or use ↑ ↓) to reorder, click to edit.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { useDesigner } from "../model/DesignerContext.jsx";
import { moveAt } from "../model/pointer.js";
import { ProblemBadge } from "../problems/ProblemBadge.jsx";

export function FieldList({ entityIndex, selected, onSelect }) {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const [dragged, setDragged] = useState(null);
  const fields = definition.entities[entityIndex].fields ?? [];
  const listPath = `/entities/${entityIndex}/fields`;
  const move = (from, to) => {
    update((document) => moveAt(document, listPath, from, to));
    if (selected === from) onSelect(to);
  };
  return (
    <ol className="field-list" data-testid="field-list">
      {fields.map((field, index) => (
        <li
          key={`${field.id}-${index}`}
          data-path={`${listPath}/${index}`}
          className={`${index === selected ? "selected" : ""} ${dragged === index ? "dragging" : ""}`}
          draggable
          onDragStart={(event) => {
            setDragged(index);
            event.dataTransfer.effectAllowed = "move";
            event.dataTransfer.setData("text/plain", String(index));
          }}
          onDragOver={(event) => event.preventDefault()}
          onDrop={(event) => {
            event.preventDefault();
            const from = Number(event.dataTransfer.getData("text/plain"));
            if (Number.isInteger(from)) move(from, index);
            setDragged(null);
          }}
          onDragEnd={() => setDragged(null)}
          data-testid={`field-row-${field.id}`}
        >
          <span className="drag-handle" aria-hidden="true">
            ⠿
          </span>
          <button type="button" className="link field-name" onClick={() => onSelect(index)}>
            {labelText(field.label, language, field.id)}
            {field.required && <span className="required-mark" title={t("fields.required")}>*</span>}
          </button>
          <span className="muted field-type">{t(`fieldTypes.${field.type}`, { defaultValue: field.type })}</span>
          <ProblemBadge path={`${listPath}/${index}`} />
          <span className="move-buttons">
            <button type="button" aria-label={t("common.moveUp")} disabled={index === 0} onClick={() => move(index, index - 1)}>
              ↑
            </button>
            <button type="button" aria-label={t("common.moveDown")} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)}>
              ↓
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}
