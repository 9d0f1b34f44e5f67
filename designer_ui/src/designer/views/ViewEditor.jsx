// One view: name and entity, and what its kind needs (columns, lanes, dates, fields, widgets), plus its filter.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { ConditionEditor } from "../conditions/ConditionEditor.jsx";
import { FieldPicker } from "../common/FieldPicker.jsx";
import { LabelInput } from "../common/LabelInput.jsx";
import { IdInput, NumberInput, SelectInput } from "../common/inputs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { removeAt, setAt } from "../model/pointer.js";
import { WidgetsEditor } from "./WidgetsEditor.jsx";

export function ViewEditor({ index }) {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const view = definition.views[index];
  const path = `/views/${index}`;
  const set = (key, value) => update((document) => setAt(document, `${path}/${key}`, value));
  const entities = (definition.entities ?? []).map((entity) => [entity.id, labelText(entity.label, language, entity.id)]);
  const entity = (definition.entities ?? []).find((item) => item.id === view.entity);
  const fieldsOf = (types) =>
    (entity?.fields ?? []).filter((field) => !types || types.includes(field.type)).map((field) => [field.id, labelText(field.label, language, field.id)]);
  return (
    <section className="editor-column" data-path={path}>
      <h2>{labelText(view.label, language, view.id)}</h2>
      <div className="editor-grid">
        <LabelInput label={view.label} onChange={(value) => set("label", value)} path={`${path}/label`} />
        <IdInput value={view.id} onChange={(value) => set("id", value)} path={`${path}/id`} />
        {view.kind !== "dashboard" && <SelectInput caption={t("views.entity")} value={view.entity} choices={entities} onChange={(value) => set("entity", value)} path={`${path}/entity`} />}
      </div>
      {view.kind === "table" && (
        <>
          <FieldPicker caption={t("views.columns")} value={view.columns} onChange={(value) => set("columns", value)} entityId={view.entity} path={`${path}/columns`} />
          <NumberInput caption={t("views.pageSize")} value={view.page_size} min={1} max={500} step={1} onChange={(value) => set("page_size", value)} path={`${path}/page_size`} />
        </>
      )}
      {view.kind === "kanban" && (
        <>
          <SelectInput caption={t("views.lanes")} value={view.group_by} choices={fieldsOf(["choice"])} onChange={(value) => set("group_by", value)} path={`${path}/group_by`} />
          <FieldPicker caption={t("views.cardFields")} value={view.card_fields} onChange={(value) => set("card_fields", value.length ? value : undefined)} entityId={view.entity} path={`${path}/card_fields`} />
        </>
      )}
      {view.kind === "calendar" && (
        <>
          <SelectInput caption={t("views.dateField")} value={view.date_field} choices={fieldsOf(["date", "datetime"])} onChange={(value) => set("date_field", value)} path={`${path}/date_field`} />
          <SelectInput caption={t("views.endField")} value={view.end_field} optional choices={fieldsOf(["date", "datetime"])} onChange={(value) => set("end_field", value)} path={`${path}/end_field`} />
        </>
      )}
      {view.kind === "detail" && (
        <FieldPicker caption={t("views.fields")} value={view.fields} onChange={(value) => set("fields", value.length ? value : undefined)} entityId={view.entity} path={`${path}/fields`} withSystem={false} />
      )}
      {view.kind === "dashboard" && <WidgetsEditor viewIndex={index} />}
      {["table", "kanban", "calendar"].includes(view.kind) && (
        <div data-path={`${path}/filter`}>
          <h3>{t("views.filter")}</h3>
          <ConditionEditor key={`${path}-${view.entity}`} condition={view.filter} entityId={view.entity} onChange={(value) => set("filter", value.rules.length ? value : undefined)} />
        </div>
      )}
      <button type="button" className="danger" onClick={() => update((document) => removeAt(document, path))}>
        {t("views.remove")}
      </button>
    </section>
  );
}
