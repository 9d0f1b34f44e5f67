// One field: id, name, type, required, visibility, and the properties its type has (options, currency, target…).
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { LabelInput } from "../common/LabelInput.jsx";
import { CheckboxInput, IdInput, NumberInput, SelectInput, TextInput } from "../common/inputs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { withFieldId } from "../model/fieldIds.js";
import { FIELD_TYPES, HAS_OPTIONS, retype, VISIBILITY_LEVELS } from "../model/fields.js";
import { removeAt, setAt } from "../model/pointer.js";
import { OptionsEditor } from "./OptionsEditor.jsx";

const NUMERIC = new Set(["integer", "number", "money", "percent"]);
const SCALED = new Set(["number", "money", "percent", "computed"]);

export function FieldEditor({ entityIndex, fieldIndex, onRemoved }) {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const path = `/entities/${entityIndex}/fields/${fieldIndex}`;
  const field = definition.entities[entityIndex].fields[fieldIndex];
  const set = (key, value) => update((document) => setAt(document, `${path}/${key}`, value));
  const changeType = (type) => update((document) => setAt(document, path, retype(field, type, document)));
  const remove = () => {
    update((document) => removeAt(document, path));
    onRemoved();
  };
  const entities = (definition.entities ?? []).map((entity) => [entity.id, labelText(entity.label, language, entity.id)]);
  return (
    <section className="field-editor" data-path={path} aria-label={t("fields.editor")} data-testid="field-editor">
      <h3>{labelText(field.label, language, field.id)}</h3>
      <div className="editor-grid">
        <LabelInput label={field.label} onChange={(value) => set("label", value)} path={`${path}/label`} testId="field-label" />
        <IdInput value={field.id} onChange={(value) => update((document) => withFieldId(document, entityIndex, fieldIndex, value))} path={`${path}/id`} testId="field-id" />
        <SelectInput
          caption={t("fields.type")}
          value={field.type}
          choices={FIELD_TYPES.map((type) => [type, t(`fieldTypes.${type}`)])}
          onChange={changeType}
          path={`${path}/type`}
          testId="field-type"
        />
        <SelectInput
          caption={t("fields.visibility")}
          value={field.visibility ?? "everyone"}
          choices={VISIBILITY_LEVELS.map((level) => [level, t(`visibility.${level}`)])}
          onChange={(value) => set("visibility", value === "everyone" ? undefined : value)}
          path={`${path}/visibility`}
        />
      </div>
      <div className="checkbox-row">
        {field.type !== "computed" && (
          <CheckboxInput caption={t("fields.required")} checked={field.required} onChange={(value) => set("required", value || undefined)} path={`${path}/required`} testId="field-required" />
        )}
        <CheckboxInput caption={t("fields.readOnly")} checked={field.read_only} onChange={(value) => set("read_only", value || undefined)} path={`${path}/read_only`} />
        <CheckboxInput caption={t("fields.ownerMayNarrow")} checked={field.owner_may_narrow} onChange={(value) => set("owner_may_narrow", value || undefined)} path={`${path}/owner_may_narrow`} />
      </div>
      {HAS_OPTIONS.has(field.type) && <OptionsEditor path={`${path}/options`} options={field.options ?? []} />}
      <div className="editor-grid">
        {field.type === "money" && <TextInput caption={t("fields.currency")} value={field.currency} onChange={(value) => set("currency", value)} path={`${path}/currency`} />}
        {field.type === "ref" && (
          <SelectInput caption={t("fields.target")} value={field.entity} choices={entities} onChange={(value) => set("entity", value)} path={`${path}/entity`} />
        )}
        {field.type === "computed" && <TextInput caption={t("fields.formula")} value={field.formula} onChange={(value) => set("formula", value)} path={`${path}/formula`} />}
        {NUMERIC.has(field.type) && (
          <>
            <NumberInput caption={t("fields.min")} value={field.min} onChange={(value) => set("min", value)} path={`${path}/min`} />
            <NumberInput caption={t("fields.max")} value={field.max} onChange={(value) => set("max", value)} path={`${path}/max`} />
          </>
        )}
        {SCALED.has(field.type) && (
          <NumberInput caption={t("fields.scale")} value={field.scale} min={0} max={10} step={1} onChange={(value) => set("scale", value)} path={`${path}/scale`} />
        )}
        {field.type === "rating" && <NumberInput caption={t("fields.ratingMax")} value={field.max} min={2} max={10} step={1} onChange={(value) => set("max", value)} path={`${path}/max`} />}
        {(field.type === "text" || field.type === "longtext") && (
          <NumberInput caption={t("fields.maxLength")} value={field.max_length} min={1} step={1} onChange={(value) => set("max_length", value)} path={`${path}/max_length`} />
        )}
      </div>
      <LabelInput caption={t("fields.help")} label={field.help} onChange={(value) => set("help", Object.keys(value).length ? value : undefined)} path={`${path}/help`} />
      <button type="button" className="danger" onClick={remove}>
        {t("fields.remove")}
      </button>
    </section>
  );
}
