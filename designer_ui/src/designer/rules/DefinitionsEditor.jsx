// Named business conditions (semantic definitions, e.g. 大额合同 / large contract) shared by rules, views and flows.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { ConditionEditor } from "../conditions/ConditionEditor.jsx";
import { LabelInput } from "../common/LabelInput.jsx";
import { IdInput, SelectInput } from "../common/inputs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { freeId } from "../model/ids.js";
import { appendAt, removeAt, setAt } from "../model/pointer.js";

export function DefinitionsEditor() {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const items = definition.definitions ?? [];
  const entities = (definition.entities ?? []).map((entity) => [entity.id, labelText(entity.label, language, entity.id)]);
  const add = () =>
    update((document) =>
      appendAt(document, "/definitions", {
        id: freeId("condition", items.map((item) => item.id)),
        label: { zh: "新业务条件", en: "New business condition" },
        entity: document.entities[0].id,
        condition: { combinator: "and", rules: [] },
      }),
    );
  return (
    <section className="definitions-editor" aria-labelledby="definitions-title">
      <h2 id="definitions-title">{t("definitions.title")}</h2>
      <p className="muted">{t("definitions.intro")}</p>
      {items.map((item, index) => {
        const path = `/definitions/${index}`;
        const set = (key, value) => update((document) => setAt(document, `${path}/${key}`, value));
        return (
          <fieldset key={`${item.id}-${index}`} data-path={path}>
            <legend>{labelText(item.label, language, item.id)}</legend>
            <div className="editor-grid">
              <LabelInput label={item.label} onChange={(value) => set("label", value)} path={`${path}/label`} />
              <IdInput value={item.id} onChange={(value) => set("id", value)} path={`${path}/id`} />
              <SelectInput caption={t("rules.entity")} value={item.entity} choices={entities} onChange={(value) => set("entity", value)} path={`${path}/entity`} />
            </div>
            <div data-path={`${path}/condition`}>
              <ConditionEditor key={`${path}-${item.entity}`} condition={item.condition} entityId={item.entity} onChange={(value) => set("condition", value)} />
            </div>
            <button type="button" className="danger" onClick={() => update((document) => removeAt(document, path))}>
              {t("definitions.remove")}
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={add} disabled={!definition.entities?.length}>
        {t("definitions.add")}
      </button>
    </section>
  );
}
