// The bell's panel: my notifications, newest first, rendered for me in the chosen language; opening one marks it
// read and goes to its record; "mark all read" clears the count.
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { api } from "../../shared/api.js";
import { ErrorNotice } from "../../shared/ErrorNotice.jsx";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { formatMoment } from "../format/values.js";

const PAGE_SIZE = 20;

export function NotificationList({ round, onChanged, onClose }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const navigate = useNavigate();
  const [state, setState] = useState({ items: [], total: 0, page: 1, loading: true, error: null });
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const load = useCallback(async (page) => {
    try {
      const answer = await api(`/api/notifications?page=${page}&page_size=${PAGE_SIZE}`);
      setState((previous) => ({
        items: page === 1 ? answer.items : [...previous.items, ...answer.items],
        total: answer.total,
        page,
        loading: false,
        error: null,
      }));
    } catch (error) {
      setState((previous) => ({ ...previous, loading: false, error }));
    }
  }, []);
  useEffect(() => {
    load(1);
  }, [load, round]);

  const markRead = async (item) => {
    if (!item.read_at) {
      try {
        const updated = await api(`/api/notifications/${item.id}/read`, { method: "POST" });
        setState((previous) => ({ ...previous, items: previous.items.map((one) => (one.id === item.id ? updated : one)) }));
        onChanged();
      } catch (error) {
        setState((previous) => ({ ...previous, error }));
        return;
      }
    }
    if (item.app && item.entity && item.record_id) {
      navigate(`/apps/${encodeURIComponent(item.app)}/records/${encodeURIComponent(item.entity)}/${item.record_id}`);
      onClose();
    }
  };
  const readAll = async () => {
    try {
      await api("/api/notifications/read-all", { method: "POST" });
      await load(1);
      onChanged();
    } catch (error) {
      setState((previous) => ({ ...previous, error }));
    }
  };

  return (
    <div className="bell-panel" role="dialog" aria-label={t("bell.title")} data-testid="notifications-panel">
      <div className="bell-panel-head">
        <strong>{t("bell.title")}</strong>
        <button type="button" className="link" onClick={readAll} data-testid="notifications-read-all">
          {t("bell.readAll")}
        </button>
      </div>
      <ErrorNotice error={state.error} />
      {state.loading && <p className="muted">{t("loading")}</p>}
      {!state.loading && state.items.length === 0 && <p className="muted">{t("bell.empty")}</p>}
      <ul className="bell-items">
        {state.items.map((item) => (
          <li key={item.id} className={`bell-item severity-${item.severity}${item.read_at ? "" : " unread"}`}>
            <button type="button" className="bell-item-button" onClick={() => markRead(item)} data-testid={`notification-${item.id}`}>
              {item.title && <strong>{labelText(item.title, language)}</strong>}
              <span>{labelText(item.message, language)}</span>
              <small className="muted">
                {formatMoment(item.created_at, language, timeZone)}
                {!item.read_at && <> · {t("bell.unread")}</>}
              </small>
            </button>
          </li>
        ))}
      </ul>
      {state.items.length < state.total && (
        <button type="button" className="link" onClick={() => load(state.page + 1)}>
          {t("bell.more")}
        </button>
      )}
    </div>
  );
}
