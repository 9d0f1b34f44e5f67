// A label of the definition edited in both languages: {"zh", "en"}.
import { useTranslation } from "react-i18next";
import { withLabelText } from "../../shared/labels.js";
import { ProblemMessages } from "../problems/ProblemBadge.jsx";

function textOf(label, language) {
  if (typeof label === "string") return label;
  return label?.[language] ?? "";
}

export function LabelInput({ label, onChange, path, caption, testId }) {
  const { t } = useTranslation("designer");
  return (
    <fieldset className="label-input" data-path={path}>
      <legend>{caption ?? t("common.label")}</legend>
      <div className="label-pair">
        {["zh", "en"].map((language) => (
          <label key={language}>
            <span className="muted">{t(`common.in_${language}`)}</span>
            <input
              lang={language === "zh" ? "zh-CN" : "en"}
              value={textOf(label, language)}
              maxLength={200}
              data-testid={testId ? `${testId}-${language}` : undefined}
              onChange={(event) => onChange(withLabelText(label, language, event.target.value))}
            />
          </label>
        ))}
      </div>
      <ProblemMessages path={path} />
    </fieldset>
  );
}
