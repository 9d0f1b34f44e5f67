// The app's roles: id and name; add or remove.
import { useTranslation } from "react-i18next";
import { LabelInput } from "../common/LabelInput.jsx";
import { IdInput } from "../common/inputs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { freeId } from "../model/ids.js";
import { appendAt, removeAt, setAt } from "../model/pointer.js";

export function RolesEditor() {
  const { t } = useTranslation("designer");
  const { definition, update } = useDesigner();
  const roles = definition.roles ?? [];
  const add = () => update((document) => appendAt(document, "/roles", { id: freeId("role", roles.map((role) => role.id)), label: { zh: "新角色", en: "New role" } }));
  return (
    <section aria-labelledby="roles-title">
      <h2 id="roles-title">{t("permissions.roles")}</h2>
      <ol className="role-list">
        {roles.map((role, index) => (
          <li key={index} className="role-row" data-path={`/roles/${index}`}>
            <IdInput value={role.id} onChange={(value) => update((document) => setAt(document, `/roles/${index}/id`, value))} path={`/roles/${index}/id`} />
            <LabelInput label={role.label} onChange={(value) => update((document) => setAt(document, `/roles/${index}/label`, value))} path={`/roles/${index}/label`} />
            <button type="button" aria-label={t("common.remove")} onClick={() => update((document) => removeAt(document, `/roles/${index}`))}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={add}>
        {t("permissions.addRole")}
      </button>
    </section>
  );
}
