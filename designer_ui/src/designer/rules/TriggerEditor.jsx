// A rule's trigger: what kind of occasion, and the field, duration or schedule it needs.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { JsonInput } from "../common/JsonInput.jsx";
import { NumberInput, SelectInput, TextInput } from "../common/inputs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { setAt } from "../model/pointer.js";
import { FREQUENCIES, newTrigger, TRIGGER_KINDS, UNITS, WEEKDAYS } from "./ruleModel.js";

export function TriggerEditor({ ruleIndex }) {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const rule = definition.rules[ruleIndex];
  const trigger = rule.trigger ?? {};
  const path = `/rules/${ruleIndex}/trigger`;
  const entity = (definition.entities ?? []).find((item) => item.id === rule.entity);
  const set = (key, value) => update((document) => setAt(document, `${path}/${key}`, value));
  const fields = (types) => (entity?.fields ?? []).filter((field) => !types || types.includes(field.type)).map((field) => [field.id, labelText(field.label, language, field.id)]);
  return (
    <fieldset className="trigger-editor" data-path={path}>
      <legend>{t("rules.trigger")}</legend>
      <div className="editor-grid">
        <SelectInput caption={t("rules.triggerKind")} value={trigger.kind} choices={TRIGGER_KINDS.map((kind) => [kind, t(`triggers.${kind}`)])} onChange={(kind) => update((document) => setAt(document, path, newTrigger(kind, entity)))} path={`${path}/kind`} />
        {(trigger.kind === "field_changed" || trigger.kind === "time_elapsed") && (
          <SelectInput caption={t("rules.field")} value={trigger.field} choices={fields(trigger.kind === "time_elapsed" ? ["date", "datetime"] : null)} onChange={(value) => set("field", value)} path={`${path}/field`} />
        )}
        {trigger.kind === "field_changed" && (
          <>
            <TextInput caption={t("rules.from")} value={trigger.from ?? ""} onChange={(value) => set("from", value)} path={`${path}/from`} />
            <TextInput caption={t("rules.to")} value={trigger.to ?? ""} onChange={(value) => set("to", value)} path={`${path}/to`} />
          </>
        )}
        {trigger.kind === "time_elapsed" && (
          <>
            <NumberInput caption={t("rules.after")} value={trigger.after?.amount} min={1} step={1} onChange={(value) => set("after", { ...trigger.after, amount: value })} path={`${path}/after/amount`} />
            <SelectInput caption={t("rules.unit")} value={trigger.after?.unit} choices={UNITS.map((unit) => [unit, t(`units.${unit}`)])} onChange={(value) => set("after", { ...trigger.after, unit: value })} path={`${path}/after/unit`} />
          </>
        )}
        {trigger.kind === "schedule" && (
          <>
            <SelectInput caption={t("rules.frequency")} value={trigger.frequency} choices={FREQUENCIES.map((item) => [item, t(`frequencies.${item}`)])} onChange={(value) => update((document) => setAt(document, path, { kind: "schedule", frequency: value, time: trigger.time ?? "09:00", ...(value === "weekly" ? { weekday: "mon" } : {}), ...(value === "monthly" ? { day: 1 } : {}) }))} path={`${path}/frequency`} />
            <TextInput caption={t("rules.time")} value={trigger.time} placeholder="09:00" onChange={(value) => set("time", value)} path={`${path}/time`} />
            {trigger.frequency === "weekly" && <SelectInput caption={t("rules.weekday")} value={trigger.weekday} choices={WEEKDAYS.map((day) => [day, t(`weekdays.${day}`)])} onChange={(value) => set("weekday", value)} path={`${path}/weekday`} />}
            {trigger.frequency === "monthly" && <NumberInput caption={t("rules.day")} value={trigger.day} min={1} max={28} step={1} onChange={(value) => set("day", value)} path={`${path}/day`} />}
          </>
        )}
      </div>
      {trigger.kind === "aggregate" && <JsonInput key={path} caption={t("rules.aggregateJson")} value={trigger} onChange={(value) => update((document) => setAt(document, path, value))} path={path} />}
    </fieldset>
  );
}
