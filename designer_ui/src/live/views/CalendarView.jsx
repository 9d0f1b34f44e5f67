// A calendar view: a month grid (weeks from Monday) of the records whose date falls on each day, in the app's time
// zone; on a phone the month's events are listed below the grid.
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { ErrorNotice } from "../../shared/ErrorNotice.jsx";
import { useLanguage } from "../../shared/language.js";
import { useLiveApp } from "../app/LiveAppContext.jsx";
import { apiPaths, pagePaths } from "../data/paths.js";
import { useLiveResource } from "../data/useLiveResource.js";
import { dayInZone, formatDate, locale } from "../format/values.js";
import { NewRecordLink } from "../records/NewRecordLink.jsx";
import { eventsByDay, monthGrid, shiftMonth } from "./calendarMonth.js";
import { ViewHeading } from "./ViewHeading.jsx";

const SHOWN_PER_DAY = 3;
const MONTH = /^\d{4}-\d{2}$/;

export function CalendarView({ view }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { appId, navigation } = useLiveApp();
  const timeZone = navigation.app.timezone || "UTC";
  const [params, setParams] = useSearchParams();
  const today = dayInZone(new Date().toISOString(), timeZone);
  const month = MONTH.test(params.get("month") ?? "") ? params.get("month") : today.slice(0, 7);
  const grid = monthGrid(month);
  const { data, error, loading, refreshing } = useLiveResource(
    apiPaths.view(appId, view.id, { from: grid.from, to: grid.to }),
    { entities: [view.entity] },
  );
  const byDay = eventsByDay(data?.events ?? [], timeZone, grid.from, grid.to);
  const inMonth = (data?.events ?? []).filter((event) => {
    const day = dayInZone(event.start, timeZone);
    return day && day.slice(0, 7) === month;
  });
  const go = (next) => setParams(next === today.slice(0, 7) ? {} : { month: next });
  const monthTitle = new Intl.DateTimeFormat(locale(language), { year: "numeric", month: "long", timeZone: "UTC" }).format(
    Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1),
  );
  const weekdays = Array.from({ length: 7 }, (_, index) =>
    new Intl.DateTimeFormat(locale(language), { weekday: "short", timeZone: "UTC" }).format(Date.UTC(2024, 0, 1 + index)),
  );
  const eventLink = (event) => (
    <Link to={pagePaths.record(appId, view.entity, event.id)} className="calendar-event" title={eventTitle(event)}>
      {eventTitle(event)}
    </Link>
  );

  return (
    <div className="calendar-view" data-testid={`view-${view.id}`}>
      <ViewHeading view={view} busy={refreshing}>
        <NewRecordLink entityId={view.entity} />
      </ViewHeading>
      <div className="calendar-toolbar">
        <button type="button" onClick={() => go(shiftMonth(month, -1))} aria-label={t("calendar.previous")}>
          ‹
        </button>
        <strong data-testid="calendar-month">{monthTitle}</strong>
        <button type="button" onClick={() => go(shiftMonth(month, 1))} aria-label={t("calendar.next")}>
          ›
        </button>
        <button type="button" onClick={() => go(today.slice(0, 7))}>
          {t("calendar.today")}
        </button>
      </div>
      <ErrorNotice error={error} />
      {loading && !data && <p className="page-status">{t("loading")}</p>}
      {data?.truncated && <p className="muted">{t("calendar.truncated")}</p>}
      <table className="calendar-grid">
        <thead>
          <tr>
            {weekdays.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.weeks.map((week) => (
            <tr key={week[0].day}>
              {week.map(({ day, inMonth: current }) => {
                const events = byDay.get(day) ?? [];
                return (
                  <td
                    key={day}
                    className={`${current ? "" : "other-month"}${day === today ? " today" : ""}`}
                    data-testid={`day-${day}`}
                  >
                    <span className="day-number">{Number(day.slice(8))}</span>
                    {events.length > 0 && <span className="day-dot" aria-hidden="true" />}
                    <ul className="day-events">
                      {events.slice(0, SHOWN_PER_DAY).map((event) => (
                        <li key={event.id}>{eventLink(event)}</li>
                      ))}
                    </ul>
                    {events.length > SHOWN_PER_DAY && (
                      <span className="muted day-more">{t("calendar.more", { count: events.length - SHOWN_PER_DAY })}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <section className="calendar-agenda" aria-label={t("calendar.agenda")}>
        <h3>{t("calendar.agenda")}</h3>
        {inMonth.length === 0 && <p className="muted">{t("calendar.empty")}</p>}
        <ul>
          {inMonth.map((event) => (
            <li key={event.id}>
              <span className="muted">{formatDate(dayInZone(event.start, timeZone), language)}</span> {eventLink(event)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function eventTitle(event) {
  return event.title ? String(event.title) : `#${event.id}`;
}
