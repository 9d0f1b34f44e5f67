// "View as" a role or user: administrators and IT reviewers read apps exactly as that person would.
// The choice is kept for the browser tab and the API client sends it as X-View-As on every read of /api/apps/…
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { setViewAs } from "./api.js";

const STORAGE_KEY = "dabble.viewAs";
const ViewAsContext = createContext(null);

function stored() {
  const value = globalThis.sessionStorage?.getItem(STORAGE_KEY) || null;
  setViewAs(value);
  return value;
}

export function ViewAsProvider({ children }) {
  const [viewAs, setState] = useState(stored);
  const start = useCallback((value) => {
    globalThis.sessionStorage?.setItem(STORAGE_KEY, value);
    setViewAs(value);
    setState(value);
  }, []);
  const stop = useCallback(() => {
    globalThis.sessionStorage?.removeItem(STORAGE_KEY);
    setViewAs(null);
    setState(null);
  }, []);
  const value = useMemo(() => ({ viewAs, start, stop }), [viewAs, start, stop]);
  return <ViewAsContext.Provider value={value}>{children}</ViewAsContext.Provider>;
}

/** {viewAs: "user:<name>" | "role:<role>" | null, start(value), stop()}. */
export function useViewAs() {
  return useContext(ViewAsContext) ?? { viewAs: null, start: () => {}, stop: () => {} };
}
