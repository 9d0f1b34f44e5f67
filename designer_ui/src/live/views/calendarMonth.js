// The month grid of a calendar view (weeks from Monday) and the events placed on its days, in the app's time zone.
import { dayInZone } from "../format/values.js";

const DAY_MS = 86_400_000;

function isoDay(time) {
  return new Date(time).toISOString().slice(0, 10);
}

function dayTime(day) {
  const [year, month, date] = day.split("-").map(Number);
  return Date.UTC(year, month - 1, date);
}

/** "YYYY-MM" of a day, and the month before or after it. */
export function monthOf(day) {
  return day.slice(0, 7);
}

export function shiftMonth(month, by) {
  const [year, number] = month.split("-").map(Number);
  const moved = new Date(Date.UTC(year, number - 1 + by, 1));
  return moved.toISOString().slice(0, 7);
}

/**
 * The weeks shown for a month ("YYYY-MM"): whole weeks from Monday to Sunday covering it.
 * {from, to, weeks: [[{day, inMonth}, ×7], …]}; from/to are the first and last day shown (the API's range).
 */
export function monthGrid(month) {
  const first = dayTime(`${month}-01`);
  const weekday = (new Date(first).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const start = first - weekday * DAY_MS;
  const next = dayTime(`${shiftMonth(month, 1)}-01`);
  const weeks = [];
  for (let time = start; time < next; time += 7 * DAY_MS) {
    weeks.push(
      Array.from({ length: 7 }, (_, index) => {
        const day = isoDay(time + index * DAY_MS);
        return { day, inMonth: monthOf(day) === month };
      }),
    );
  }
  return { from: weeks[0][0].day, to: weeks.at(-1)[6].day, weeks };
}

/** The days an event covers (start to end, in the time zone; at most `limit`), clipped to from…to. */
export function eventDays(event, timeZone, from, to, limit = 62) {
  const start = dayInZone(event.start, timeZone);
  if (!start) return [];
  const end = (event.end && dayInZone(event.end, timeZone)) || start;
  const days = [];
  for (let time = dayTime(start); time <= dayTime(end < start ? start : end) && days.length < limit; time += DAY_MS) {
    const day = isoDay(time);
    if (day >= from && day <= to) days.push(day);
  }
  return days;
}

/** Map day → events on it, in the order given. */
export function eventsByDay(events, timeZone, from, to) {
  const byDay = new Map();
  for (const event of events) {
    for (const day of eventDays(event, timeZone, from, to)) {
      if (!byDay.has(day)) byDay.set(day, []);
      byDay.get(day).push(event);
    }
  }
  return byDay;
}
