// The notifications bell of the top bar: the unread count, kept current by the user's event stream (GET /api/events:
// on each `notification` the count is fetched again, coalesced), and the list with "mark read" and "read all".
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../shared/api.js";
import { useSession } from "../shared/session.jsx";
import { openEventStream } from "./app/eventStream.js";
import { coalesced } from "./data/coalesce.js";
import { NotificationList } from "./notifications/NotificationList.jsx";
import { announceNotification } from "./notifications/notificationEvents.js";

export function NotificationsBell() {
  const { user } = useSession();
  if (!user) return null;
  return <Bell key={user.username} />;
}

function Bell() {
  const { t } = useTranslation("live");
  const [unread, setUnread] = useState(null);
  const [open, setOpen] = useState(false);
  const [listRound, setListRound] = useState(0);
  const box = useRef(null);
  const refreshCount = useMemo(
    () =>
      coalesced(async () => {
        const answer = await api("/api/notifications/unread-count");
        setUnread(answer.unread);
      }),
    [],
  );

  useEffect(() => {
    refreshCount();
    return openEventStream("/api/events", {
      ready: () => refreshCount(),
      notification: (data) => {
        refreshCount();
        setListRound((round) => round + 1);
        announceNotification(data);
      },
    });
  }, [refreshCount]);

  useEffect(() => {
    if (!open) return undefined;
    const closeOutside = (event) => {
      if (box.current && !box.current.contains(event.target)) setOpen(false);
    };
    const closeOnEscape = (event) => event.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", closeOutside);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("mousedown", closeOutside);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [open]);

  const count = unread ?? 0;
  return (
    <div className="bell" ref={box}>
      <button
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-label={t("bell.label", { count })}
        data-testid="notifications-bell"
        onClick={() => setOpen((value) => !value)}
      >
        <BellIcon />
        <span className={`bell-count${count ? "" : " bell-zero"}`} data-testid="notifications-count" data-count={count}>
          {count > 99 ? "99+" : count}
        </span>
      </button>
      {open && (
        <NotificationList round={listRound} onChanged={refreshCount} onClose={() => setOpen(false)} />
      )}
    </div>
  );
}

function BellIcon() {
  return (
    <svg className="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}
