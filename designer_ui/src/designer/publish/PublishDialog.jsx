// Publish in two steps: first the migration plan (a dry run against the real rows) for review, then confirm.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../shared/api.js";
import { ErrorNotice } from "../../shared/ErrorNotice.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { MigrationPlan } from "./MigrationPlan.jsx";
import { RenamePicker } from "./RenamePicker.jsx";
import { hasRenames, NO_RENAMES } from "./renames.js";

export function PublishDialog({ draft, onClose }) {
  const { t } = useTranslation("designer");
  const { appId, definition } = useDesigner();
  const [plan, setPlan] = useState(null);
  const [error, setError] = useState(null);
  const [message, setMessage] = useState("");
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(true);
  const [outcome, setOutcome] = useState(null);
  const [renames, setRenames] = useState(NO_RENAMES);
  const url = `/api/apps/${encodeURIComponent(appId)}/publish`;
  const renamesBody = hasRenames(renames) ? { renames } : {};

  useEffect(() => {
    let cancelled = false;
    setBusy(true);
    setError(null);
    api(url, { method: "POST", body: { dry_run: true, definition, revision: draft.revision, ...renamesBody } })
      .then((answer) => !cancelled && setPlan(answer))
      .catch((failure) => !cancelled && setError(failure))
      .finally(() => !cancelled && setBusy(false));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- planned again when the renames change, for the draft as opened
  }, [renames]);

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = { definition, revision: draft.revision, message: message.trim() || undefined, confirm: confirm || undefined, ...renamesBody };
      const answer = await api(url, { method: "POST", body });
      draft.published(definition, answer.revision);
      setOutcome(answer);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog wide" role="dialog" aria-modal="true" aria-labelledby="publish-title" data-testid="publish-dialog">
        <h2 id="publish-title">{t("publish.title")}</h2>
        {busy && !plan && <p className="page-status">{t("publish.planning")}</p>}
        {plan && !outcome && <MigrationPlan plan={plan} />}
        {plan && !outcome && <RenamePicker steps={plan.plan} renames={renames} onChange={setRenames} />}
        <ErrorNotice error={error} />
        {outcome ? (
          <p className="status-valid" data-testid="publish-outcome">
            {outcome.review ? t("publish.submitted") : t("publish.done", { version: outcome.version })}
          </p>
        ) : (
          plan && (
            <>
              <label>
                {t("publish.message")}
                <input value={message} maxLength={500} onChange={(event) => setMessage(event.target.value)} data-testid="publish-message" />
              </label>
              {plan.destructive && (
                <label className="inline">
                  <input type="checkbox" checked={confirm} onChange={(event) => setConfirm(event.target.checked)} data-testid="publish-confirm" />
                  {t("publish.confirmDestructive")}
                </label>
              )}
            </>
          )
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {outcome ? t("close") : t("cancel")}
          </button>
          {!outcome && (
            <button type="button" className="primary" disabled={busy || !plan || (plan.destructive && !confirm)} onClick={publish} data-testid="publish-confirm-button">
              {t("publish.confirm", { version: plan?.version ?? "" })}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
