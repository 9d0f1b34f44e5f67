// The current language ("zh" or "en") of the UI texts and of the definition's labels.
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { rememberLanguage } from "../i18n/index.js";

/** [language, setLanguage]: switching it re-renders every text and every label. */
export function useLanguage() {
  const { i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "zh";
  const setLanguage = useCallback(
    (next) => {
      rememberLanguage(next);
      i18n.changeLanguage(next);
      document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
    },
    [i18n],
  );
  return [language, setLanguage];
}
