// Load something from the API in a component: {data, error, loading, reload}.
import { useCallback, useEffect, useState } from "react";
import { api } from "./api.js";

export function useApi(path, options) {
  const [state, setState] = useState({ data: null, error: null, loading: Boolean(path) });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  const viewAs = options?.viewAs;
  useEffect(() => {
    if (!path) return undefined;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, error: null }));
    api(path, { signal: controller.signal, viewAs })
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((error) => {
        if (error?.name !== "AbortError") setState({ data: null, error, loading: false });
      });
    return () => controller.abort();
  }, [path, round, viewAs]);
  return { ...state, reload };
}
