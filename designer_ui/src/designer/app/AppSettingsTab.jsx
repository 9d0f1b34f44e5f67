// The app as a whole: its name, description, time zone and default language.
import { useTranslation } from "react-i18next";
import { LabelInput } from "../common/LabelInput.jsx";
import { SelectInput, TextInput } from "../common/inputs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { setAt } from "../model/pointer.js";
import { ProblemMessages } from "../problems/ProblemBadge.jsx";

export function AppSettingsTab() {
  const { t } = useTranslation("designer");
  const { definition, update } = useDesigner();
  const set = (key, value) => update((document) => setAt(document, `/${key}`, value));
  return (
    <section className="editor-column wide" data-path="">
      <h2>{t("app.title")}</h2>
      <ProblemMessages path="" />
      <LabelInput caption={t("app.name")} label={definition.label} onChange={(value) => set("label", value)} path="/label" testId="app-label" />
      <LabelInput caption={t("app.description")} label={definition.description} onChange={(value) => set("description", Object.keys(value).length ? value : undefined)} path="/description" />
      <div className="editor-grid">
        <TextInput caption={t("app.timezone")} value={definition.timezone} placeholder="Asia/Shanghai" onChange={(value) => set("timezone", value)} path="/timezone" />
        <SelectInput
          caption={t("app.defaultLanguage")}
          value={definition.default_language ?? "zh"}
          choices={[
            ["zh", "中文"],
            ["en", "English"],
          ]}
          onChange={(value) => set("default_language", value)}
          path="/default_language"
        />
      </div>
      <p className="muted">
        {t("app.id")}: <code>{definition.id}</code>
      </p>
    </section>
  );
}
