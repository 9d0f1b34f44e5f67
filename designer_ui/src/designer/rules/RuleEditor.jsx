// One rule: name, entity, on/off, its trigger, its condition and its actions.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { ConditionEditor } from "../conditions/ConditionEditor.jsx";
import { LabelInput } from "../common/LabelInput.jsx";
import { CheckboxInput, IdInput, SelectInput } from "../common/inputs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { removeAt, setAt } from "../model/pointer.js";
import { ActionsEditor } from "./ActionsEditor.jsx";
import { TriggerEditor } from "./TriggerEditor.jsx";

export function RuleEditor({ index }) {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const rule = definition.rules[index];
  const path = `/rules/${index}`;
  const set = (key, value) => update((document) => setAt(document, `${path}/${key}`, value));
  const entities = (definition.entities ?? []).map((entity) => [entity.id, labelText(entity.label, language, entity.id)]);
  return (
    <section className="editor-column" data-path={path}>
      <h2>{labelText(rule.label, language, rule.id)}</h2>
      <div className="editor-grid">
        <LabelInput label={rule.label} onChange={(value) => set("label", value)} path={`${path}/label`} />
        <IdInput value={rule.id} onChange={(value) => set("id", value)} path={`${path}/id`} />
        <SelectInput caption={t("rules.entity")} value={rule.entity} choices={entities} onChange={(value) => set("entity", value)} path={`${path}/entity`} />
        <CheckboxInput caption={t("rules.enabled")} checked={rule.enabled !== false} onChange={(value) => set("enabled", value ? undefined : false)} path={`${path}/enabled`} />
      </div>
      <TriggerEditor ruleIndex={index} />
      <div data-path={`${path}/condition`}>
        <h3>{t("rules.condition")}</h3>
        <ConditionEditor key={`${path}-${rule.entity}`} condition={rule.condition} entityId={rule.entity} onChange={(value) => set("condition", value.rules.length ? value : undefined)} />
      </div>
      <ActionsEditor ruleIndex={index} />
      <button type="button" className="danger" onClick={() => update((document) => removeAt(document, path))}>
        {t("rules.remove")}
      </button>
    </section>
  );
}
