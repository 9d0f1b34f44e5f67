// Roles × entities × operations: a scope per cell; a grant's `where` condition edited under its row.
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { ConditionEditor } from "../conditions/ConditionEditor.jsx";
import { conditionText } from "../conditions/conditionText.js";
import { useDesigner } from "../model/DesignerContext.jsx";
import { setAt } from "../model/pointer.js";
import { ProblemBadge } from "../problems/ProblemBadge.jsx";
import { grantIndex, OPERATIONS, SCOPES, scopeOf, withScope } from "./permissionModel.js";

export function PermissionMatrix() {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const [editing, setEditing] = useState(null); // grant index whose where is open
  const roles = definition.roles ?? [];
  const entities = definition.entities ?? [];
  if (!roles.length) return <p className="muted">{t("permissions.noRoles")}</p>;
  return (
    <div className="table-scroll">
      <table className="matrix" data-testid="permission-matrix">
        <thead>
          <tr>
            <th scope="col">{t("permissions.entity")}</th>
            <th scope="col">{t("permissions.role")}</th>
            {OPERATIONS.map((operation) => (
              <th key={operation} scope="col">
                {t(`operations.${operation}`)}
              </th>
            ))}
            <th scope="col">{t("permissions.where")}</th>
          </tr>
        </thead>
        <tbody>
          {entities.map((entity) =>
            roles.map((role, roleIndex) => {
              const index = grantIndex(definition, role.id, entity.id);
              const grant = index >= 0 ? definition.permissions[index] : null;
              return (
                <Fragment key={`${entity.id}-${role.id}`}>
                  <tr data-path={index >= 0 ? `/permissions/${index}` : undefined}>
                    {roleIndex === 0 && (
                      <th scope="rowgroup" rowSpan={roles.length}>
                        {labelText(entity.label, language, entity.id)}
                      </th>
                    )}
                    <th scope="row">
                      {labelText(role.label, language, role.id)} {index >= 0 && <ProblemBadge path={`/permissions/${index}`} />}
                    </th>
                    {OPERATIONS.map((operation) => (
                      <td key={operation}>
                        <select
                          aria-label={`${labelText(role.label, language, role.id)} ${labelText(entity.label, language, entity.id)} ${t(`operations.${operation}`)}`}
                          value={scopeOf(definition, role.id, entity.id, operation)}
                          onChange={(event) => update((document) => withScope(document, role.id, entity.id, operation, event.target.value))}
                          data-testid={`scope-${role.id}-${entity.id}-${operation}`}
                        >
                          {SCOPES.map((scope) => (
                            <option key={scope} value={scope}>
                              {t(`scopes.${scope}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                    ))}
                    <td>
                      {grant && (
                        <button type="button" className="link" onClick={() => setEditing(editing === index ? null : index)}>
                          {grant.where ? conditionText(grant.where, entity, definition.definitions, language) : t("permissions.addWhere")}
                        </button>
                      )}
                    </td>
                  </tr>
                  {editing === index && grant && (
                    <tr>
                      <td colSpan={OPERATIONS.length + 3} data-path={`/permissions/${index}/where`}>
                        <ConditionEditor
                          key={index}
                          condition={grant.where}
                          entityId={entity.id}
                          onChange={(value) => update((document) => setAt(document, `/permissions/${index}/where`, value.rules.length ? value : undefined))}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            }),
          )}
        </tbody>
      </table>
    </div>
  );
}
