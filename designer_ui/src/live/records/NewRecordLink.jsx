// "New …": a link to an entity's create form, for those who may create its records (never while viewing as someone).
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useEntity, useLiveApp } from "../app/LiveAppContext.jsx";
import { pagePaths } from "../data/paths.js";

export function NewRecordLink({ entityId }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { appId, readOnly } = useLiveApp();
  const entity = useEntity(entityId);
  if (!entity?.may?.create || readOnly) return null;
  return (
    <Link className="button primary" to={pagePaths.newRecord(appId, entityId)} data-testid={`new-${entityId}`}>
      {t("record.new", { entity: labelText(entity.label, language, entity.id) })}
    </Link>
  );
}
