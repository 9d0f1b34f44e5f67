// The migration plan of a publish: each step (create a table, add or archive a field…) with the rows it touches.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { useDesigner } from "../model/DesignerContext.jsx";

export function MigrationPlan({ plan }) {
  const { t } = useTranslation("designer");
  const { language, definition } = useDesigner();
  const steps = plan.plan ?? [];
  const entityOf = (id) => (definition.entities ?? []).find((entity) => entity.id === id);
  const subject = (step) => {
    const entity = entityOf(step.entity);
    const fieldId = step.field ?? step.from_field;
    const field = fieldId ? entity?.fields.find((item) => item.id === fieldId) : null;
    const names = [labelText(entity?.label, language, step.entity), fieldId && labelText(field?.label, language, fieldId)];
    return names.filter(Boolean).join(" › ");
  };
  return (
    <div className="migration-plan" data-testid="migration-plan">
      <p>{t("publish.intro", { version: plan.version })}</p>
      {steps.length === 0 ? (
        <p className="muted">{t("publish.noSteps")}</p>
      ) : (
        <ol>
          {steps.map((step, index) => (
            <li key={index} className={step.destructive ? "destructive" : ""} data-step-kind={step.kind}>
              <strong>{t(`steps.${step.kind}`, { defaultValue: step.kind })}</strong> {subject(step)}{" "}
              <code>
                {step.from_entity && step.from_entity !== step.entity ? `${step.from_entity} → ` : ""}
                {step.entity}
                {step.from_field && step.field ? `.${step.from_field} → ${step.field}` : ""}
                {(step.field ?? step.from_field) && !(step.from_field && step.field) ? `.${step.field ?? step.from_field}` : ""}
              </code>
              {typeof step.rows === "number" && <span className="muted"> · {t("publish.rows", { count: step.rows })}</span>}
              {step.destructive && <span className="badge danger"> {t("publish.destructive")}</span>}
              {step.note && <span className="muted"> · {typeof step.note === "string" ? step.note : labelText(step.note, language)}</span>}
            </li>
          ))}
        </ol>
      )}
      {(plan.warnings ?? []).length > 0 && (
        <ul className="plan-warnings">
          {plan.warnings.map((warning, index) => (
            <li key={index}>{labelText(warning.message, language, warning.code)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
