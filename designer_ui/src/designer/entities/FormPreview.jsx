// The live preview of an entity's record form, compiled by the builder from the draft as it is edited.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../shared/api.js";
import { ErrorNotice } from "../../shared/ErrorNotice.jsx";
import { RecordForm } from "../../shared/recordForm/RecordForm.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";

const PREVIEW_DELAY_MS = 300;

export function FormPreview({ entityId, formId }) {
  const { t } = useTranslation("designer");
  const { definition, language } = useDesigner();
  const [preview, setPreview] = useState(null);
  const [error, setError] = useState(null);
  const [formData, setFormData] = useState({});
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const body = { definition, entity: entityId, lang: language, ...(formId ? { form: formId } : {}) };
      api("/api/definitions/forms", { method: "POST", body, signal: controller.signal })
        .then((answer) => {
          setPreview(answer);
          setError(null);
        })
        .catch((failure) => failure?.name !== "AbortError" && setError(failure));
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [definition, entityId, formId, language]);

  if (error) return <ErrorNotice error={error} />;
  if (!preview) return <p className="page-status">{t("loading")}</p>;
  if (!preview.schema) return <p className="muted">{t("preview.unavailable")}</p>;
  return (
    <div className="form-preview" data-testid="form-preview">
      <RecordForm
        key={`${entityId}-${language}`}
        schema={preview.schema}
        uiSchema={preview.uiSchema}
        formData={formData}
        onChange={setFormData}
        onSubmit={() => setChecked(true)}
        idPrefix="preview"
        language={language}
      >
        <div className="preview-actions">
          <button type="submit">{t("preview.check")}</button>
          {checked && <span className="status-valid">{t("preview.ok")}</span>}
        </div>
      </RecordForm>
    </div>
  );
}
