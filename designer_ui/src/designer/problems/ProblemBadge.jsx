// A marker on an element that has problems: how many, the worst severity, and their messages on hover.
import { labelText } from "../../shared/labels.js";
import { problemsWithin, useDesigner } from "../model/DesignerContext.jsx";

export function ProblemBadge({ path, exact = false }) {
  const { problems, language } = useDesigner();
  const found = exact ? problems.filter((problem) => problem.path === path) : problemsWithin(problems, path);
  if (found.length === 0) return null;
  const severity = found.some((problem) => problem.severity !== "warning") ? "error" : "warning";
  const messages = found.map((problem) => labelText(problem.message, language, problem.code)).join("\n");
  return (
    <span className={`problem-badge ${severity}`} title={messages} data-testid="problem-badge">
      {found.length}
    </span>
  );
}

/** The messages of the problems exactly at a path (shown under an input). */
export function ProblemMessages({ path }) {
  const { problems, language } = useDesigner();
  const found = problems.filter((problem) => problem.path === path);
  if (found.length === 0) return null;
  return (
    <ul className="field-problems">
      {found.map((problem, index) => (
        <li key={`${problem.code}-${index}`} className={problem.severity ?? "error"}>
          {labelText(problem.message, language, problem.code)}
        </li>
      ))}
    </ul>
  );
}
