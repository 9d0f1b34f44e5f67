// Start an app from a template: the user picks the new app's id and name; the app's draft is the template.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { api } from "../shared/api.js";
import { ErrorNotice } from "../shared/ErrorNotice.jsx";
import { labelText } from "../shared/labels.js";
import { useLanguage } from "../shared/language.js";

const APP_ID = /^[a-z][a-z0-9_]{0,39}$/;

export function NewAppForm({ template, onCancel }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const [appId, setAppId] = useState(`my_${template.id}`.slice(0, 40));
  const [name, setName] = useState(labelText(template.name, language, template.id));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const idValid = APP_ID.test(appId);

  const create = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const full = await api(`/api/templates/${encodeURIComponent(template.id)}`);
      const label = { ...(typeof template.name === "object" ? template.name : {}), [language]: name.trim() };
      await api("/api/apps", { method: "POST", body: { ...full.definition, id: appId, label } });
      navigate(`/designer/${appId}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop">
      <form className="dialog" onSubmit={create} aria-labelledby="new-app-title" data-testid="new-app-form">
        <h2 id="new-app-title">{t("newApp.title", { template: labelText(template.name, language, template.id) })}</h2>
        <label>
          {t("newApp.id")}
          <input name="app_id" value={appId} onChange={(e) => setAppId(e.target.value)} aria-invalid={!idValid} required />
          <small className={idValid ? "muted" : "field-error"}>{t("newApp.idHelp")}</small>
        </label>
        <label>
          {t("newApp.name")}
          <input name="app_name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
        </label>
        <ErrorNotice error={error} />
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t("cancel")}
          </button>
          <button type="submit" className="primary" disabled={busy || !idValid || !name.trim()}>
            {t("newApp.create")}
          </button>
        </div>
      </form>
    </div>
  );
}
