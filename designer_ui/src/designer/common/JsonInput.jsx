// A value edited as JSON text (for the rare parts without a dedicated editor); applied when it parses.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ProblemMessages } from "../problems/ProblemBadge.jsx";

export function JsonInput({ value, onChange, path, caption }) {
  const { t } = useTranslation("designer");
  const [text, setText] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [broken, setBroken] = useState(false);
  const apply = () => {
    try {
      onChange(JSON.parse(text));
      setBroken(false);
    } catch {
      setBroken(true);
    }
  };
  return (
    <label data-path={path}>
      {caption}
      <textarea className="json-input" rows={6} value={text} spellCheck={false} onChange={(event) => setText(event.target.value)} onBlur={apply} />
      {broken && <span className="field-error">{t("common.badJson")}</span>}
      <ProblemMessages path={path} />
    </label>
  );
}
