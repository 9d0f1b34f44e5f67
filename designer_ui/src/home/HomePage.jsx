// The start page: the apps the user builds, reviews or uses, and the template gallery to start a new one.
import { useTranslation } from "react-i18next";
import { AppList } from "./AppList.jsx";
import { TemplateGallery } from "./TemplateGallery.jsx";

export function HomePage() {
  const { t } = useTranslation();
  return (
    <div className="home">
      <section aria-labelledby="apps-title">
        <h1 id="apps-title">{t("home.apps")}</h1>
        <AppList />
      </section>
      <section aria-labelledby="templates-title">
        <h2 id="templates-title">{t("home.templates")}</h2>
        <TemplateGallery />
      </section>
    </div>
  );
}
