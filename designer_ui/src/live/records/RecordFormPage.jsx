// /apps/<app>/records/<entity>/new and …/<id>/edit: the record form (loaded lazily: react-jsonschema-form and its
// validator are only needed here). A new record may start from query parameters (a related list's "New").
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router-dom";
import { ErrorNotice } from "../../shared/ErrorNotice.jsx";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useApi } from "../../shared/useApi.js";
import { useEntity, useLiveApp } from "../app/LiveAppContext.jsx";
import { apiPaths, pagePaths } from "../data/paths.js";
import { RecordForm } from "./RecordForm.jsx";

export default function RecordFormPage({ mode }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const navigate = useNavigate();
  const { entityId, recordId } = useParams();
  const [params] = useSearchParams();
  const { appId, readOnly } = useLiveApp();
  const entity = useEntity(entityId);
  const form = useApi(apiPaths.form(appId, entityId, language));
  const record = useApi(mode === "edit" ? apiPaths.record(appId, entityId, recordId) : null);
  const prefill = useMemo(() => prefillFrom(params, form.data?.schema), [params, form.data]);
  const entityName = labelText(entity?.label, language, entityId);
  const back = () => navigate(mode === "edit" ? pagePaths.record(appId, entityId, recordId) : -1);

  if (readOnly) return <p className="notice">{t("form.readOnly")}</p>;
  if (form.error || record.error) return <ErrorNotice error={form.error ?? record.error} />;
  if (!form.data || (mode === "edit" && !record.data)) return <p className="page-status">{t("loading")}</p>;
  return (
    <section className="record-form-page">
      <h2>{mode === "edit" ? t("form.editTitle", { entity: entityName }) : t("form.newTitle", { entity: entityName })}</h2>
      {/* a reloaded record starts the form afresh; a language switch keeps what was typed */}
      <RecordForm
        key={record.data?.row_version ?? "new"}
        answer={form.data}
        mode={mode}
        entityId={entityId}
        record={record.data}
        prefill={prefill}
        onSaved={(saved) => navigate(pagePaths.record(appId, entityId, saved.id), { replace: true })}
        onCancel={back}
        onReload={record.reload}
      />
    </section>
  );
}

/** First values of a new record from the query (?contract=30): fields of the schema only, numbers as numbers. */
function prefillFrom(params, schema) {
  const values = {};
  for (const [name, raw] of params.entries()) {
    const property = schema?.properties?.[name];
    if (!property) continue;
    const types = [].concat(property.type ?? []);
    values[name] = types.includes("integer") || types.includes("number") ? Number(raw) : raw;
  }
  return values;
}
