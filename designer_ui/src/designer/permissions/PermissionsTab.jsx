// Who may do what: the roles, the matrix of roles × entities × operations (with each grant's `where`), and each
// field's visibility level.
import { useTranslation } from "react-i18next";
import { RolesEditor } from "./RolesEditor.jsx";
import { PermissionMatrix } from "./PermissionMatrix.jsx";
import { FieldVisibility } from "./FieldVisibility.jsx";

export function PermissionsTab() {
  const { t } = useTranslation("designer");
  return (
    <div className="permissions-tab">
      <RolesEditor />
      <h2>{t("permissions.matrix")}</h2>
      <PermissionMatrix />
      <h2>{t("permissions.visibility")}</h2>
      <FieldVisibility />
    </div>
  );
}
