// The template gallery (GET /api/templates): pick one to start a new app from it.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../shared/ErrorNotice.jsx";
import { labelText } from "../shared/labels.js";
import { useLanguage } from "../shared/language.js";
import { useApi } from "../shared/useApi.js";
import { NewAppForm } from "./NewAppForm.jsx";

export function TemplateGallery() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { data, error, loading } = useApi("/api/templates");
  const [chosen, setChosen] = useState(null);
  if (loading) return <p className="page-status">{t("loading")}</p>;
  if (error) return <ErrorNotice error={error} />;
  return (
    <>
      {chosen && <NewAppForm template={chosen} onCancel={() => setChosen(null)} />}
      <ul className="card-grid" data-testid="template-gallery">
        {(data?.items ?? []).map((template) => (
          <li key={template.id} className="card" data-testid={`template-${template.id}`}>
            <h3>{labelText(template.name, language, template.id)}</h3>
            <p>{labelText(template.description, language)}</p>
            <p className="tags">
              {(template.tags ?? []).map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </p>
            <p className="muted">{t("home.counts", template.counts)}</p>
            <button type="button" onClick={() => setChosen(template)}>
              {t("home.useTemplate")}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
