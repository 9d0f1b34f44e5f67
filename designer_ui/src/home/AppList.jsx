// The apps GET /api/apps lists, each with a link to its designer and, once published, to the live app.
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorNotice } from "../shared/ErrorNotice.jsx";
import { labelText } from "../shared/labels.js";
import { useLanguage } from "../shared/language.js";
import { useSession } from "../shared/session.jsx";
import { useApi } from "../shared/useApi.js";

export function AppList() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { user } = useSession();
  const { data, error, loading } = useApi("/api/apps");
  if (loading) return <p className="page-status">{t("loading")}</p>;
  if (error) return <ErrorNotice error={error} />;
  const items = data?.items ?? [];
  if (items.length === 0) return <p className="muted">{t("home.noApps")}</p>;
  const mayDesign = (app) => user?.is_admin || user?.is_reviewer || app.created_by === user?.username;
  return (
    <ul className="card-grid" data-testid="app-list">
      {items.map((app) => (
        <li key={app.id} className="card" data-testid={`app-${app.id}`}>
          <h3>{labelText(app.label, language, app.id)}</h3>
          <p className="muted">
            <code>{app.id}</code> ·{" "}
            {app.current_version ? t("home.version", { version: app.current_version }) : t("home.unpublished")}
          </p>
          <div className="card-actions">
            {mayDesign(app) && <Link to={`/designer/${app.id}`}>{t("home.design")}</Link>}
            {app.current_version && <Link to={`/apps/${app.id}`}>{t("home.open")}</Link>}
          </div>
        </li>
      ))}
    </ul>
  );
}
