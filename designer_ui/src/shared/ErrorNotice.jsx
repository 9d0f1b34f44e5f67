// An API error (or any error) as a short message in the current language, with its problems listed.
import { useTranslation } from "react-i18next";
import { labelText } from "./labels.js";
import { useLanguage } from "./language.js";

export function ErrorNotice({ error }) {
  const [language] = useLanguage();
  const { t } = useTranslation();
  if (!error) return null;
  const message = typeof error.text === "function" ? error.text(language) : String(error.message || t("error"));
  return (
    <div className="error-notice" role="alert">
      <p>{message}</p>
      {error.problems?.length > 0 && (
        <ul>
          {error.problems.map((problem, index) => (
            <li key={`${problem.path}-${index}`}>
              <code>{problem.path || "/"}</code> {labelText(problem.message, language, problem.code)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
