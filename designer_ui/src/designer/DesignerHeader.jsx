// The designer's header: the app's name, whether the draft is saved and valid, Save and Publish.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorNotice } from "../shared/ErrorNotice.jsx";
import { labelText } from "../shared/labels.js";
import { useSession } from "../shared/session.jsx";
import { useApi } from "../shared/useApi.js";
import { useDesigner } from "./model/DesignerContext.jsx";
import { PublishDialog } from "./publish/PublishDialog.jsx";

export function DesignerHeader({ draft }) {
  const { t } = useTranslation("designer");
  const { appId, definition, language } = useDesigner();
  const { user } = useSession();
  const app = useApi(`/api/apps/${encodeURIComponent(appId)}`).data;
  const mayBuild = Boolean(user?.is_admin || (app && app.created_by === user?.username));
  const [error, setError] = useState(null);
  const [publishing, setPublishing] = useState(false);
  const errors = draft.validation?.error_count ?? 0;
  const warnings = draft.validation?.warning_count ?? 0;

  const save = async () => {
    setError(null);
    try {
      await draft.save();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <header className="designer-header">
      <div className="designer-title">
        <h1 data-testid="designer-title">{labelText(definition?.label, language, appId)}</h1>
        <span className="muted">
          <code>{appId}</code> · {t("header.revision", { revision: draft.revision })}
        </span>
      </div>
      <div className="designer-status" data-testid="draft-status">
        <span className={draft.dirty ? "status-dirty" : "status-saved"}>
          {draft.dirty ? t("header.unsaved") : t("header.saved")}
        </span>
        <a href="#problems-title" className={errors ? "status-errors" : "status-valid"} data-testid="error-count">
          {errors ? t("header.errors", { count: errors }) : t("header.valid")}
        </a>
        {warnings > 0 && <span className="status-warnings">{t("header.warnings", { count: warnings })}</span>}
      </div>
      <div className="designer-actions">
        <Link to={`/apps/${appId}`}>{t("header.openLive")}</Link>
        {app && !mayBuild && (
          <span className="badge" data-testid="read-only">
            {t("header.readOnly")}
          </span>
        )}
        <button type="button" onClick={save} disabled={!mayBuild || !draft.dirty || draft.saving} data-testid="save-draft">
          {draft.saving ? t("header.saving") : t("header.save")}
        </button>
        <button type="button" className="primary" onClick={() => setPublishing(true)} disabled={!mayBuild} data-testid="publish">
          {t("header.publish")}
        </button>
      </div>
      <ErrorNotice error={error} />
      {error?.code === "draft.stale" && (
        <button type="button" onClick={() => draft.reload().then(() => setError(null))} data-testid="reload-draft">
          {t("header.reload")}
        </button>
      )}
      {publishing && <PublishDialog draft={draft} onClose={() => setPublishing(false)} />}
    </header>
  );
}
