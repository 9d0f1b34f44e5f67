// Placeholder for the live-app pages (/apps/:appId/*): tables, kanban, calendar, detail, dashboards, approvals.
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";

export default function LiveApp() {
  const { appId } = useParams();
  const { t } = useTranslation();
  return (
    <section className="placeholder" data-testid="live-app-placeholder">
      <h1>{appId}</h1>
      <p>{t("live.placeholder")}</p>
      <Link to="/">{t("nav.home")}</Link>
    </section>
  );
}
