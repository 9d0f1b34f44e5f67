// Approvers or recipients: a list of parties ({kind} plus what the kind needs: role, levels, user, group, field).
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { useDesigner } from "../model/DesignerContext.jsx";
import { appendAt, removeAt, setAt } from "../model/pointer.js";
import { ProblemMessages } from "../problems/ProblemBadge.jsx";

export const APPROVER_KINDS = ["supervisor", "supervisor_chain", "department_head", "role", "group_leader", "group_members", "user", "field"];
export const RECIPIENT_KINDS = ["owner", "submitter", ...APPROVER_KINDS];

function partyOf(kind, definition) {
  if (kind === "supervisor_chain") return { kind, levels: 2 };
  if (kind === "role") return { kind, role: definition.roles?.[0]?.id ?? "" };
  if (kind === "user") return { kind, user: "" };
  if (kind === "field") return { kind, field: "" };
  return { kind };
}

export function PartiesEditor({ parties, path, kinds, entityId, caption }) {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const entity = (definition.entities ?? []).find((item) => item.id === entityId);
  const userFields = (entity?.fields ?? []).filter((field) => field.type === "user");
  const set = (index, party) => update((document) => setAt(document, `${path}/${index}`, party));
  return (
    <fieldset className="parties-editor" data-path={path}>
      <legend>{caption}</legend>
      <ProblemMessages path={path} />
      {(parties ?? []).map((party, index) => (
        <div key={index} className="party-row" data-path={`${path}/${index}`}>
          <select value={party.kind} aria-label={t("parties.kind")} onChange={(event) => set(index, partyOf(event.target.value, definition))}>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`parties.${kind}`)}
              </option>
            ))}
          </select>
          {party.kind === "role" && (
            <select value={party.role} aria-label={t("parties.role")} onChange={(event) => set(index, { ...party, role: event.target.value })}>
              {(definition.roles ?? []).map((role) => (
                <option key={role.id} value={role.id}>
                  {labelText(role.label, language, role.id)}
                </option>
              ))}
            </select>
          )}
          {party.kind === "supervisor_chain" && (
            <input type="number" min={1} max={10} value={party.levels ?? 1} aria-label={t("parties.levels")} onChange={(event) => set(index, { ...party, levels: Number(event.target.value) })} />
          )}
          {party.kind === "user" && <input value={party.user ?? ""} aria-label={t("parties.user")} onChange={(event) => set(index, { ...party, user: event.target.value })} />}
          {(party.kind === "group_leader" || party.kind === "group_members") && (
            <input value={party.group ?? ""} placeholder={t("parties.ownGroup")} aria-label={t("parties.group")} onChange={(event) => set(index, event.target.value ? { ...party, group: event.target.value } : { kind: party.kind })} />
          )}
          {party.kind === "field" && (
            <select value={party.field ?? ""} aria-label={t("parties.field")} onChange={(event) => set(index, { ...party, field: event.target.value })}>
              <option value="">—</option>
              {userFields.map((field) => (
                <option key={field.id} value={field.id}>
                  {labelText(field.label, language, field.id)}
                </option>
              ))}
            </select>
          )}
          <button type="button" aria-label={t("common.remove")} onClick={() => update((document) => removeAt(document, `${path}/${index}`))}>
            ×
          </button>
          <ProblemMessages path={`${path}/${index}`} />
        </div>
      ))}
      <button type="button" onClick={() => update((document) => appendAt(document, path, partyOf(kinds[0], document)))}>
        {t("parties.add")}
      </button>
    </fieldset>
  );
}
