// /apps/<app>/inbox: my pending approvals across apps (GET /api/inbox: each with its record's title, app, entity and
// submitter), oldest first, with the approve / reject / send back / comment buttons. Refreshed when records change
// and when a notification arrives.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../../shared/api.js";
import { ErrorNotice } from "../../shared/ErrorNotice.jsx";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useLiveApp } from "../app/LiveAppContext.jsx";
import { apiPaths, pagePaths } from "../data/paths.js";
import { useLiveResource } from "../data/useLiveResource.js";
import { formatMoment } from "../format/values.js";
import { NOTIFICATION_EVENT } from "../notifications/notificationEvents.js";
import { ApprovalActions } from "./ApprovalActions.jsx";

const APPROVER_ACTIONS = ["approve", "reject", "send_back", "comment"];

export function InboxPage() {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { navigation, readOnly } = useLiveApp();
  const inbox = useLiveResource(apiPaths.inbox(), { entities: navigation.entities.map((entity) => entity.id) });
  const reload = inbox.reload;
  const [done, setDone] = useState(null);
  useEffect(() => {
    window.addEventListener(NOTIFICATION_EVENT, reload);
    return () => window.removeEventListener(NOTIFICATION_EVENT, reload);
  }, [reload]);
  const items = inbox.data?.items ?? [];

  return (
    <section className="inbox-page" data-testid="inbox">
      <div className="view-heading">
        <h2 aria-busy={inbox.refreshing}>{t("inbox.title")}</h2>
        <div className="view-tools">
          <button type="button" onClick={reload}>
            {t("inbox.refresh")}
          </button>
        </div>
      </div>
      {readOnly && <p className="notice">{t("inbox.viewAs")}</p>}
      {done && (
        <p className="notice success" role="status" data-testid="inbox-done">
          {t(`inbox.done.${done.action}`, { title: done.title, defaultValue: t("inbox.done.other", { title: done.title }) })}
        </p>
      )}
      <ErrorNotice error={inbox.error} />
      {inbox.loading && !inbox.data && <p className="page-status">{t("loading")}</p>}
      {inbox.data && items.length === 0 && <p className="muted">{t("inbox.empty")}</p>}
      <ul className="inbox-list">
        {items.map((item) => {
          const title = labelText(item.title, language, `#${item.record_id}`);
          return (
            <li key={`${item.app}-${item.instance}`} className="card inbox-item" data-testid={`inbox-item-${item.app}-${item.instance}`}>
              <h3>
                <Link to={pagePaths.record(item.app, item.entity, item.record_id)}>{title}</Link>
              </h3>
              <p className="muted">
                {[
                  labelText(item.app_label, language, item.app),
                  labelText(item.entity_label, language, item.entity),
                  labelText(item.workflow_label, language, item.workflow),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              <p>
                {t("inbox.waiting", {
                  step: labelText(item.node_label, language, item.node),
                  who: item.submitter_name ?? item.submitter,
                  when: formatMoment(item.since, language, item.timezone ?? navigation.app.timezone),
                })}
              </p>
              {!readOnly && (
                <ApprovalActions
                  appId={item.app}
                  instanceId={item.instance}
                  actions={APPROVER_ACTIONS}
                  testId={`inbox-actions-${item.instance}`}
                  onDone={(_instance, action) => {
                    setDone({ action, title });
                    reload();
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
