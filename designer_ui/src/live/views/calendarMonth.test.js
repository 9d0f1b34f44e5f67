import { describe, expect, it } from "vitest";
import { eventDays, eventsByDay, monthGrid, shiftMonth } from "./calendarMonth.js";

describe("the month grid", () => {
  it("covers the month in whole weeks from Monday", () => {
    const grid = monthGrid("2025-03"); // 1 March 2025 is a Saturday
    expect(grid.from).toBe("2025-02-24");
    expect(grid.to).toBe("2025-04-06");
    expect(grid.weeks).toHaveLength(6);
    expect(grid.weeks[0][5]).toEqual({ day: "2025-03-01", inMonth: true });
    expect(grid.weeks[0][0].inMonth).toBe(false);
    expect(grid.weeks.every((week) => week.length === 7)).toBe(true);
  });
  it("needs only four weeks for a February starting on Monday", () => {
    const grid = monthGrid("2027-02");
    expect(grid.weeks).toHaveLength(4);
    expect([grid.from, grid.to]).toEqual(["2027-02-01", "2027-02-28"]);
  });
  it("moves between months across years", () => {
    expect(shiftMonth("2025-12", 1)).toBe("2026-01");
    expect(shiftMonth("2025-01", -1)).toBe("2024-12");
  });
});

describe("events on days", () => {
  it("places an all-day event on its date and a moment on its day in the app's time zone", () => {
    expect(eventDays({ start: "2025-03-06", end: null }, "Asia/Shanghai", "2025-03-01", "2025-03-31")).toEqual(["2025-03-06"]);
    expect(eventDays({ start: "2025-03-06T17:30:00Z", end: null }, "Asia/Shanghai", "2025-03-01", "2025-03-31")).toEqual([
      "2025-03-07",
    ]);
  });
  it("spreads an event over its days, clipped to the range shown", () => {
    const event = { start: "2025-02-27", end: "2025-03-02" };
    expect(eventDays(event, "UTC", "2025-03-01", "2025-03-31")).toEqual(["2025-03-01", "2025-03-02"]);
  });
  it("groups events by day", () => {
    const events = [
      { id: 1, start: "2025-03-06", end: null },
      { id: 2, start: "2025-03-06", end: "2025-03-07" },
    ];
    const byDay = eventsByDay(events, "UTC", "2025-03-01", "2025-03-31");
    expect(byDay.get("2025-03-06").map((event) => event.id)).toEqual([1, 2]);
    expect(byDay.get("2025-03-07").map((event) => event.id)).toEqual([2]);
  });
});
