import { useEffect, useState } from "react";
import { TEXTS } from "./texts.js";

function useHealth() {
  const [health, setHealth] = useState({ state: "checking" });
  useEffect(() => {
    let cancelled = false;
    fetch("/api/health")
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
      .then((body) => !cancelled && setHealth({ state: "healthy", body }))
      .catch(() => !cancelled && setHealth({ state: "unreachable" }));
    return () => {
      cancelled = true;
    };
  }, []);
  return health;
}

export function App() {
  const [language, setLanguage] = useState(navigator.language?.startsWith("zh") ? "zh" : "en");
  const t = TEXTS[language];
  const health = useHealth();
  useEffect(() => {
    document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
  }, [language]);
  return (
    <main className="shell">
      <header>
        <h1>Dabble</h1>
        <button type="button" onClick={() => setLanguage(language === "zh" ? "en" : "zh")}>
          {t.switchTo}
        </button>
      </header>
      <p className="tagline">{t.tagline}</p>
      <section aria-live="polite">
        <h2>{t.status}</h2>
        <p data-testid="health">{t[health.state]}</p>
        {health.body && (
          <dl>
            <dt>{t.database}</dt>
            <dd>
              {health.body.database.dialect} {health.body.database.version}
            </dd>
            <dt>{t.format}</dt>
            <dd>{health.body.definition_format}</dd>
          </dl>
        )}
      </section>
      <p>{t.soon}</p>
    </main>
  );
}
