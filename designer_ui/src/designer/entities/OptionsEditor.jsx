// The options of a choice or multichoice field: id and name in both languages, add, remove, reorder.
import { useTranslation } from "react-i18next";
import { LabelInput } from "../common/LabelInput.jsx";
import { IdInput } from "../common/inputs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { freeId } from "../model/ids.js";
import { appendAt, moveAt, removeAt, setAt } from "../model/pointer.js";
import { ProblemMessages } from "../problems/ProblemBadge.jsx";

export function OptionsEditor({ path, options }) {
  const { t } = useTranslation("designer");
  const { update } = useDesigner();
  const add = () => {
    const id = freeId("option", options.map((option) => option.id));
    update((document) => appendAt(document, path, { id, label: { zh: `选项 ${options.length + 1}`, en: `Option ${options.length + 1}` } }));
  };
  return (
    <fieldset className="options-editor" data-path={path}>
      <legend>{t("fields.options")}</legend>
      <ProblemMessages path={path} />
      <ol>
        {options.map((option, index) => (
          <li key={index} data-path={`${path}/${index}`} className="option-row">
            <IdInput value={option.id} onChange={(value) => update((document) => setAt(document, `${path}/${index}/id`, value))} path={`${path}/${index}/id`} testId={`option-id-${index}`} />
            <LabelInput label={option.label} onChange={(value) => update((document) => setAt(document, `${path}/${index}/label`, value))} path={`${path}/${index}/label`} testId={`option-label-${index}`} />
            <span className="move-buttons">
              <button type="button" aria-label={t("common.moveUp")} disabled={index === 0} onClick={() => update((document) => moveAt(document, path, index, index - 1))}>
                ↑
              </button>
              <button type="button" aria-label={t("common.remove")} disabled={options.length <= 1} onClick={() => update((document) => removeAt(document, `${path}/${index}`))}>
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      <button type="button" onClick={add} data-testid="add-option">
        {t("fields.addOption")}
      </button>
    </fieldset>
  );
}
