// i18next with one namespace per area: common (shell, sign-in, app list), designer, live (the live-app pages).
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import enCommon from "./en/common.json";
import enDesigner from "./en/designer.json";
import enLive from "./en/live.json";
import zhCommon from "./zh/common.json";
import zhDesigner from "./zh/designer.json";
import zhLive from "./zh/live.json";

export const LANGUAGES = ["zh", "en"];
export const NAMESPACES = ["common", "designer", "live"];
export const RESOURCES = {
  zh: { common: zhCommon, designer: zhDesigner, live: zhLive },
  en: { common: enCommon, designer: enDesigner, live: enLive },
};
const STORAGE_KEY = "dabble.language";

export function initialLanguage() {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (LANGUAGES.includes(stored)) return stored;
  return globalThis.navigator?.language?.toLowerCase().startsWith("en") ? "en" : "zh";
}

export function rememberLanguage(language) {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
}

export function createI18n(language = initialLanguage()) {
  const instance = i18next.createInstance();
  instance.use(initReactI18next).init({
    resources: RESOURCES,
    lng: language,
    fallbackLng: false,
    ns: NAMESPACES,
    defaultNS: "common",
    interpolation: { escapeValue: false }, // React escapes what it renders
    returnEmptyString: false,
    initAsync: false,
  });
  return instance;
}
