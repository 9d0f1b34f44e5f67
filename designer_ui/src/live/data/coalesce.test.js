import { describe, expect, it } from "vitest";
import { coalesced } from "./coalesce.js";

function deferredRuns() {
  const runs = [];
  const run = () =>
    new Promise((resolve, reject) => {
      runs.push({ resolve, reject });
    });
  return { runs, run };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("coalesced", () => {
  it("runs once for one request", async () => {
    const { runs, run } = deferredRuns();
    const request = coalesced(run);
    const done = request();
    expect(runs).toHaveLength(1);
    runs[0].resolve();
    await done;
    expect(runs).toHaveLength(1);
  });

  it("keeps one run in flight and makes exactly one more for a burst of requests", async () => {
    const { runs, run } = deferredRuns();
    const request = coalesced(run);
    request();
    request();
    request();
    request();
    expect(runs).toHaveLength(1);
    runs[0].resolve();
    await settle();
    expect(runs).toHaveLength(2);
    runs[1].resolve();
    await settle();
    expect(runs).toHaveLength(2);
  });

  it("starts afresh once the runs are over", async () => {
    const { runs, run } = deferredRuns();
    const request = coalesced(run);
    const first = request();
    runs[0].resolve();
    await first;
    request();
    expect(runs).toHaveLength(2);
  });

  it("reports a failing run and still makes the run that was asked for after it", async () => {
    const { runs, run } = deferredRuns();
    const errors = [];
    const request = coalesced(run, (error) => errors.push(error.message));
    request();
    request();
    runs[0].reject(new Error("offline"));
    await settle();
    expect(errors).toEqual(["offline"]);
    expect(runs).toHaveLength(2);
    runs[1].resolve();
    await settle();
  });
});
