// A record form rendered by react-jsonschema-form from the entity's form answer (schema, update_schema, uiSchema):
// creates (POST) or updates (PATCH with row_version, only the changed fields); the server's problems land on the
// fields their JSON pointers name (extraErrors), the others above the form.
import Form from "@rjsf/core";
import validator from "@rjsf/validator-ajv8";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../shared/api.js";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useLiveApp } from "../app/LiveAppContext.jsx";
import { apiPaths } from "../data/paths.js";
import { problemsToExtraErrors, refusalKey, refusalText } from "../data/refusals.js";
import { createBody, formSchemas, initialFormData, localizeErrors, patchBody } from "./formSetup.js";
import { FormSections } from "./FormSections.jsx";
import { RefWidget } from "./RefWidget.jsx";

const WIDGETS = { RefWidget };
const TEMPLATES = { ObjectFieldTemplate: FormSections };

/** mode "create" | "edit"; `record` (edit) the record as read; `prefill` first values of a new record. */
export function RecordForm({ answer, mode, entityId, record, prefill, onSaved, onCancel, onReload }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { appId } = useLiveApp();
  const { schema, uiSchema } = useMemo(() => formSchemas(answer, mode), [answer, mode]);
  const initial = useMemo(
    () => (mode === "edit" ? initialFormData(schema, record) : { ...(prefill ?? {}) }),
    [mode, schema, record, prefill],
  );
  const [formData, setFormData] = useState(initial);
  const [extraErrors, setExtraErrors] = useState({});
  const [failure, setFailure] = useState(null); // {error, unplaced}
  const [busy, setBusy] = useState(false);

  const submit = async ({ formData: data }) => {
    setBusy(true);
    setFailure(null);
    setExtraErrors({});
    try {
      const saved =
        mode === "edit"
          ? await api(apiPaths.record(appId, entityId, record.id), { method: "PATCH", body: patchBody(initial, data, schema) })
          : await api(apiPaths.records(appId, entityId), { method: "POST", body: createBody(data, schema) });
      onSaved(saved);
    } catch (error) {
      const placed = problemsToExtraErrors(error?.problems, schema, language);
      setExtraErrors(placed.extraErrors);
      setFailure({ error, unplaced: placed.unplaced });
      setBusy(false);
    }
  };

  const stale = failure && refusalKey(failure.error) === "refusal.stale";
  return (
    <div className="record-form" data-testid="record-form">
      {failure && (
        <div className="error-notice" role="alert" data-testid="form-error" data-code={failure.error?.code}>
          <p>{refusalText(failure.error, t, language)}</p>
          {failure.unplaced.length > 0 && !stale && (
            <ul>
              {failure.unplaced.map((problem, index) => (
                <li key={`${problem.path}-${index}`}>{labelText(problem.message, language, problem.code)}</li>
              ))}
            </ul>
          )}
          {stale && onReload && (
            <button type="button" onClick={onReload}>
              {t("form.reload")}
            </button>
          )}
        </div>
      )}
      <Form
        schema={schema}
        uiSchema={uiSchema}
        formData={formData}
        validator={validator}
        widgets={WIDGETS}
        templates={TEMPLATES}
        extraErrors={extraErrors}
        showErrorList={false}
        noHtml5Validate
        transformErrors={(errors) => localizeErrors(errors, t)}
        onChange={(event) => setFormData(event.formData)}
        onSubmit={submit}
        disabled={busy}
      >
        <div className="form-actions">
          {onCancel && (
            <button type="button" onClick={onCancel}>
              {t("form.cancel")}
            </button>
          )}
          <button type="submit" className="primary" disabled={busy} data-testid="save-record">
            {busy ? t("form.saving") : mode === "edit" ? t("form.saveChanges") : t("form.create")}
          </button>
        </div>
      </Form>
    </div>
  );
}
