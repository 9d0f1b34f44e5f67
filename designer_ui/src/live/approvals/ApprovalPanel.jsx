// A record's approval: submit it, where its approval stands (step, approvers, votes), and the actions the user may
// take; the timeline of its steps when the page shows no timeline of its own.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../shared/api.js";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useSession } from "../../shared/session.jsx";
import { useEntity, useLiveApp } from "../app/LiveAppContext.jsx";
import { apiPaths } from "../data/paths.js";
import { refusalText } from "../data/refusals.js";
import { useLiveResource } from "../data/useLiveResource.js";
import { formatMoment } from "../format/values.js";
import { Timeline } from "../records/Timeline.jsx";
import { ApprovalActions } from "./ApprovalActions.jsx";
import { availableActions, maySubmit } from "./approvalRules.js";

const withoutWorkflow = new Set(); // "<app>/<entity>" the server said has no workflow (until navigation says so)

export function ApprovalPanel({ entityId, recordId, record, onChanged, showTimeline }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { user } = useSession();
  const { appId, readOnly, navigation } = useLiveApp();
  const entity = useEntity(entityId);
  const approval = useLiveResource(apiPaths.approval(appId, entityId, recordId), { entities: [entityId] });
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const instance = approval.error?.code === "workflow.instance_not_found" ? null : approval.data;
  const key = `${appId}/${entityId}`;
  const submittable = maySubmit(record, entity, readOnly) && !withoutWorkflow.has(key);
  const actions = readOnly ? [] : availableActions(instance, user?.username);
  const timeZone = navigation.app.timezone;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(apiPaths.approval(appId, entityId, recordId), { method: "POST", body: comment.trim() ? { comment: comment.trim() } : {} });
      setComment("");
      approval.reload();
      onChanged?.();
    } catch (failure) {
      if (failure?.code === "workflow.not_found") withoutWorkflow.add(key);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const acted = () => {
    approval.reload();
    onChanged?.();
  };

  if (!instance && !submittable && !error) return null;
  return (
    <section className="approval-panel" data-testid="approval-panel" aria-label={t("approval.title")}>
      <h3>{t("approval.title")}</h3>
      {instance && (
        <div className="approval-state">
          <p>
            <span className={`badge state-${instance.state}`} data-testid="approval-state" data-state={instance.state}>
              {t(`approval.states.${instance.state}`, { defaultValue: instance.state })}
            </span>{" "}
            {labelText(instance.workflow_label, language, instance.workflow)}
            {instance.node && instance.state === "in_approval" && (
              <>
                {" · "}
                {t("approval.atStep", { step: labelText(instance.node_label, language, instance.node) })}
              </>
            )}
          </p>
          {instance.tasks?.length > 0 && (
            <ul className="approval-tasks">
              {instance.tasks.map((task) => (
                <li key={task.approver}>
                  {task.approver}: {t(`approval.votes.${task.status}`, { defaultValue: task.status })}
                  {task.decided_at && <span className="muted"> · {formatMoment(task.decided_at, language, timeZone)}</span>}
                </li>
              ))}
            </ul>
          )}
          <ApprovalActions appId={appId} instanceId={instance.id} actions={actions} onDone={acted} testId="record-approval-actions" />
        </div>
      )}
      {submittable && (
        <div className="approval-submit">
          <label>
            <span>{t("approval.submitComment")}</span>
            <textarea rows={2} value={comment} maxLength={4000} onChange={(event) => setComment(event.target.value)} />
          </label>
          <button type="button" className="primary" disabled={busy} onClick={submit} data-testid="submit-approval">
            {instance ? t("approval.submitAgain") : t("approval.submit")}
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="approval-error">
          {refusalText(error, t, language)}
        </p>
      )}
      {showTimeline && instance && (
        <Timeline items={instance.timeline.map((step) => ({ kind: "approval", ...step }))} columns={[]} />
      )}
    </section>
  );
}
