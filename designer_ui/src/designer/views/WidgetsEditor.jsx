// The widgets of a dashboard: kind, name, entity, the aggregate and what it is grouped by.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { FieldPicker } from "../common/FieldPicker.jsx";
import { LabelInput } from "../common/LabelInput.jsx";
import { IdInput, NumberInput, SelectInput } from "../common/inputs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { freeId } from "../model/ids.js";
import { appendAt, removeAt, setAt } from "../model/pointer.js";
import { ProblemBadge } from "../problems/ProblemBadge.jsx";
import { AGGREGATES, BUCKETS, newWidget, WIDGET_KINDS } from "./viewModel.js";

export function WidgetsEditor({ viewIndex }) {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const widgets = definition.views[viewIndex].widgets ?? [];
  const listPath = `/views/${viewIndex}/widgets`;
  const entities = (definition.entities ?? []).map((entity) => [entity.id, labelText(entity.label, language, entity.id)]);
  const add = () => update((document) => appendAt(document, listPath, newWidget("bar", freeId("widget", widgets.map((widget) => widget.id)), document)));
  return (
    <div className="widgets-editor">
      <h3>{t("views.widgets")}</h3>
      {widgets.map((widget, index) => {
        const path = `${listPath}/${index}`;
        const set = (key, value) => update((document) => setAt(document, `${path}/${key}`, value));
        const entity = (definition.entities ?? []).find((item) => item.id === widget.entity);
        const fields = (entity?.fields ?? []).map((field) => [field.id, labelText(field.label, language, field.id)]);
        return (
          <fieldset key={`${widget.id}-${index}`} className="widget-editor" data-path={path}>
            <legend>
              {labelText(widget.label, language, widget.id)} <ProblemBadge path={path} />
            </legend>
            <div className="editor-grid">
              <LabelInput label={widget.label} onChange={(value) => set("label", value)} path={`${path}/label`} />
              <IdInput value={widget.id} onChange={(value) => set("id", value)} path={`${path}/id`} />
              <SelectInput
                caption={t("views.widgetKind")}
                value={widget.kind}
                choices={WIDGET_KINDS.map((kind) => [kind, t(`widgetKinds.${kind}`)])}
                onChange={(kind) => update((document) => setAt(document, path, { ...newWidget(kind, widget.id, document), label: widget.label, entity: widget.entity }))}
                path={`${path}/kind`}
              />
              <SelectInput caption={t("views.entity")} value={widget.entity} choices={entities} onChange={(value) => set("entity", value)} path={`${path}/entity`} />
              {widget.aggregate && (
                <>
                  <SelectInput caption={t("views.aggregate")} value={widget.aggregate.function} choices={AGGREGATES.map((name) => [name, t(`aggregates.${name}`)])} onChange={(value) => set("aggregate", { ...widget.aggregate, function: value })} path={`${path}/aggregate/function`} />
                  <SelectInput caption={t("views.measure")} value={widget.aggregate.field} optional choices={fields} onChange={(value) => set("aggregate", { ...widget.aggregate, field: value })} path={`${path}/aggregate/field`} />
                </>
              )}
              {widget.group_by && (
                <>
                  <SelectInput caption={t("views.groupBy")} value={widget.group_by.field} choices={fields} onChange={(value) => set("group_by", { ...widget.group_by, field: value })} path={`${path}/group_by/field`} />
                  <SelectInput caption={t("views.bucket")} value={widget.group_by.bucket} optional choices={BUCKETS.map((bucket) => [bucket, t(`buckets.${bucket}`)])} onChange={(value) => set("group_by", { ...widget.group_by, bucket: value })} path={`${path}/group_by/bucket`} />
                </>
              )}
              {widget.kind === "kpi" && <NumberInput caption={t("views.target")} value={widget.target} onChange={(value) => set("target", value)} path={`${path}/target`} />}
              {widget.kind !== "kpi" && <NumberInput caption={t("views.limit")} value={widget.limit} min={1} max={100} step={1} onChange={(value) => set("limit", value)} path={`${path}/limit`} />}
            </div>
            {widget.kind === "table" && <FieldPicker caption={t("views.columns")} value={widget.columns} onChange={(value) => set("columns", value)} entityId={widget.entity} path={`${path}/columns`} />}
            <button type="button" className="danger" disabled={widgets.length <= 1} onClick={() => update((document) => removeAt(document, path))}>
              {t("views.removeWidget")}
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={add}>
        {t("views.addWidget")}
      </button>
    </div>
  );
}
