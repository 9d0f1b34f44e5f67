// 中文 / English: switches the UI texts and the definition's labels together.
import { useTranslation } from "react-i18next";
import { useLanguage } from "./language.js";

export function LanguageSwitch() {
  const [language, setLanguage] = useLanguage();
  const { t } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t("language.label")}>
      {[
        ["zh", "中文"],
        ["en", "English"],
      ].map(([code, name]) => (
        <button
          key={code}
          type="button"
          className={language === code ? "active" : ""}
          aria-pressed={language === code}
          lang={code === "zh" ? "zh-CN" : "en"}
          onClick={() => setLanguage(code)}
        >
          {name}
        </button>
      ))}
    </div>
  );
}
