import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="placeholder">
      <h1>{t("notFound.title")}</h1>
      <Link to="/">{t("nav.home")}</Link>
    </section>
  );
}
