// /apps/<app>/inbox: my pending approvals across apps (GET /api/inbox), oldest first, each with its record and the
// approve / reject / send back / comment buttons. Refreshed when records change and when a notification arrives.
import { useEffect, useRef, useState } from "react";
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
  const details = useInboxDetails(items);

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
          const key = itemKey(item);
          const detail = details.get(key);
          const title = detail?.title ?? `#${item.record_id}`;
          return (
            <li key={`${item.app}-${item.instance}`} className="card inbox-item" data-testid={`inbox-item-${item.app}-${item.instance}`}>
              <h3>
                <Link to={pagePaths.record(item.app, item.entity, item.record_id)}>{title}</Link>
              </h3>
              <p className="muted">
                {[detail?.appLabel, detail?.entityLabel, labelText(item.workflow_label, language, item.workflow)]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              <p>
                {t("inbox.waiting", {
                  step: labelText(item.node_label, language, item.node),
                  who: item.submitter,
                  when: formatMoment(item.since, language, detail?.timeZone ?? navigation.app.timezone),
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

function itemKey(item) {
  return `${item.app}/${item.entity}/${item.record_id}`;
}

/** Per inbox item: its record's title, its app's and entity's labels, its app's time zone (fetched once each). */
function useInboxDetails(items) {
  const [language] = useLanguage();
  const { appId, navigation } = useLiveApp();
  const [details, setDetails] = useState(() => new Map());
  const navigations = useRef(new Map([[appId, Promise.resolve(navigation)]]));
  const asked = useRef(new Set());
  useEffect(() => {
    for (const item of items) {
      const key = itemKey(item);
      if (asked.current.has(key)) continue;
      asked.current.add(key);
      if (!navigations.current.has(item.app)) {
        navigations.current.set(item.app, api(apiPaths.navigation(item.app)).catch(() => null));
      }
      Promise.all([navigations.current.get(item.app), api(apiPaths.record(item.app, item.entity, item.record_id)).catch(() => null)]).then(
        ([appNavigation, record]) => {
          const entity = appNavigation?.entities?.find((candidate) => candidate.id === item.entity);
          const title = record && entity?.title_field && record[entity.title_field] ? String(record[entity.title_field]) : null;
          setDetails((previous) =>
            new Map(previous).set(key, {
              title,
              app: appNavigation?.app,
              entity,
              timeZone: appNavigation?.app?.timezone,
            }),
          );
        },
      );
    }
  }, [items]);
  // labels follow the language without fetching again
  const labelled = new Map();
  for (const [key, detail] of details) {
    labelled.set(key, {
      ...detail,
      title: detail.title ?? undefined,
      appLabel: detail.app ? labelText(detail.app.label, language, detail.app.id) : null,
      entityLabel: detail.entity ? labelText(detail.entity.label, language, detail.entity.id) : null,
    });
  }
  return labelled;
}
