// Refetching on bursts of events: at most one run in flight, and one more after it when more requests came meanwhile.

/**
 * Wrap an async `run` so that `request()` never starts a second run while one is in flight: requests made during a
 * run (however many) make exactly one more run after it. Resolves when the runs it caused are done; a failing run
 * is reported to `onError` and does not stop the next one.
 */
export function coalesced(run, onError = () => {}) {
  let running = null;
  let again = false;
  const loop = async () => {
    try {
      do {
        again = false;
        try {
          await run();
        } catch (error) {
          onError(error);
        }
      } while (again);
    } finally {
      running = null;
    }
  };
  return function request() {
    if (running) {
      again = true;
      return running;
    }
    running = loop();
    return running;
  };
}
