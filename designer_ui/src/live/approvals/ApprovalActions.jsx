// The buttons of an approval step (approve, reject, send back, resubmit, withdraw, comment) with an optional comment.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../shared/api.js";
import { useLanguage } from "../../shared/language.js";
import { apiPaths } from "../data/paths.js";
import { refusalText } from "../data/refusals.js";
import { actionBody } from "./approvalRules.js";

const BUTTON_CLASS = { approve: "primary", reject: "danger" };

export function ApprovalActions({ appId, instanceId, actions, onDone, testId }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(null);
  const [error, setError] = useState(null);
  if (actions.length === 0) return null;

  const run = async (action) => {
    if (action === "comment" && !comment.trim()) {
      setError({ text: () => t("approval.commentNeeded") });
      return;
    }
    setBusy(action);
    setError(null);
    try {
      const instance = await api(apiPaths.workflowAction(appId, instanceId, action), {
        method: "POST",
        body: actionBody(action, comment.trim()),
      });
      setComment("");
      onDone?.(instance, action);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="approval-actions" data-testid={testId}>
      <label>
        <span>{t("approval.comment")}</span>
        <textarea rows={2} value={comment} maxLength={4000} onChange={(event) => setComment(event.target.value)} />
      </label>
      <div className="button-row">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={BUTTON_CLASS[action] ?? ""}
            disabled={busy !== null}
            onClick={() => run(action)}
            data-testid={`action-${action}`}
          >
            {t(`approval.actions.${action}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error.text && !error.code ? error.text(language) : refusalText(error, t, language)}
        </p>
      )}
    </div>
  );
}
