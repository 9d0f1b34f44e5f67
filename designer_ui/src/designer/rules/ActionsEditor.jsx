// A rule's actions: alert people, create a record, set a field, start a workflow, or suggest a play.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { JsonInput } from "../common/JsonInput.jsx";
import { LabelInput } from "../common/LabelInput.jsx";
import { SelectInput, TextInput } from "../common/inputs.jsx";
import { PartiesEditor, RECIPIENT_KINDS } from "../common/PartiesEditor.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { appendAt, removeAt, setAt } from "../model/pointer.js";
import { ACTION_KINDS, newAction } from "./ruleModel.js";

const SEVERITIES = ["info", "warning", "critical"];

export function ActionsEditor({ ruleIndex }) {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const rule = definition.rules[ruleIndex];
  const listPath = `/rules/${ruleIndex}/actions`;
  const entity = (definition.entities ?? []).find((item) => item.id === rule.entity);
  const fields = (entity?.fields ?? []).map((field) => [field.id, labelText(field.label, language, field.id)]);
  const entities = (definition.entities ?? []).map((item) => [item.id, labelText(item.label, language, item.id)]);
  const workflows = (definition.workflows ?? []).map((workflow) => [workflow.id, labelText(workflow.label, language, workflow.id)]);
  return (
    <fieldset className="actions-editor" data-path={listPath}>
      <legend>{t("rules.actions")}</legend>
      {(rule.actions ?? []).map((action, index) => {
        const path = `${listPath}/${index}`;
        const set = (key, value) => update((document) => setAt(document, `${path}/${key}`, value));
        return (
          <div key={index} className="action-editor" data-path={path}>
            <SelectInput caption={t("rules.actionKind")} value={action.kind} choices={ACTION_KINDS.map((kind) => [kind, t(`actions.${kind}`)])} onChange={(kind) => update((document) => setAt(document, path, newAction(kind, document, entity)))} path={`${path}/kind`} />
            {action.kind === "alert" && (
              <>
                <PartiesEditor caption={t("rules.recipients")} parties={action.to} path={`${path}/to`} kinds={RECIPIENT_KINDS} entityId={rule.entity} />
                <SelectInput caption={t("rules.severity")} value={action.severity ?? "info"} choices={SEVERITIES.map((item) => [item, t(`severities.${item}`)])} onChange={(value) => set("severity", value)} path={`${path}/severity`} />
              </>
            )}
            {(action.kind === "alert" || action.kind === "suggest") && <LabelInput caption={t("rules.message")} label={action.message} onChange={(value) => set("message", value)} path={`${path}/message`} />}
            {action.kind === "suggest" && <LabelInput caption={t("rules.suggestionTitle")} label={action.title} onChange={(value) => set("title", Object.keys(value).length ? value : undefined)} path={`${path}/title`} />}
            {action.kind === "set_field" && (
              <>
                <SelectInput caption={t("rules.field")} value={action.field} choices={fields} onChange={(value) => set("field", value)} path={`${path}/field`} />
                <TextInput caption={t("rules.value")} value={action.value === null || action.value === undefined ? "" : String(action.value)} onChange={(value) => set("value", value ?? null)} path={`${path}/value`} />
              </>
            )}
            {action.kind === "start_workflow" && <SelectInput caption={t("rules.workflow")} value={action.workflow} choices={workflows} onChange={(value) => set("workflow", value)} path={`${path}/workflow`} />}
            {action.kind === "create_record" && (
              <>
                <SelectInput caption={t("rules.entity")} value={action.entity} choices={entities} onChange={(value) => set("entity", value)} path={`${path}/entity`} />
                <JsonInput key={`${path}-values`} caption={t("rules.values")} value={action.values} onChange={(value) => set("values", value)} path={`${path}/values`} />
              </>
            )}
            <button type="button" className="danger" disabled={rule.actions.length <= 1} onClick={() => update((document) => removeAt(document, path))}>
              {t("rules.removeAction")}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => update((document) => appendAt(document, listPath, newAction("alert", document, entity)))}>
        {t("rules.addAction")}
      </button>
    </fieldset>
  );
}
