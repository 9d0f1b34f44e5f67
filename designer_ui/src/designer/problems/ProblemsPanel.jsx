// Every problem of the draft; a click jumps to its place in the designer.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { useDesigner } from "../model/DesignerContext.jsx";
import { placeTrail } from "./places.js";

export function ProblemsPanel() {
  const { t } = useTranslation("designer");
  const { problems, definition, language, goTo } = useDesigner();
  const [open, setOpen] = useState(true);
  const errors = problems.filter((problem) => problem.severity !== "warning").length;
  return (
    <aside className={`problems-panel ${open ? "open" : ""}`} aria-labelledby="problems-title" data-testid="problems-panel">
      <button type="button" className="problems-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span id="problems-title">{t("problems.title")}</span>{" "}
        <span className={errors ? "count-badge" : "count-badge ok"}>{problems.length}</span>
      </button>
      {open &&
        (problems.length === 0 ? (
          <p className="muted">{t("problems.none")}</p>
        ) : (
          <ol className="problem-list">
            {problems.map((problem, index) => (
              <li key={`${problem.path}-${problem.code}-${index}`} className={`problem ${problem.severity ?? "error"}`}>
                <button type="button" className="link" onClick={() => goTo(problem.path)} data-problem-code={problem.code}>
                  <span className="problem-severity">{t(`problems.${problem.severity === "warning" ? "warning" : "error"}`)}</span>
                  <span className="problem-message">{labelText(problem.message, language, problem.code)}</span>
                  <span className="problem-place">
                    {placeTrail(problem.path, definition, language).join(" › ") || t("problems.app")} · <code>{problem.path || "/"}</code>
                  </span>
                </button>
              </li>
            ))}
          </ol>
        ))}
    </aside>
  );
}
