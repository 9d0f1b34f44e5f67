// Load something the page shows and keep it current: fetched again (coalesced) when the app's event stream says
// records of its entities changed, and on ready / reset / version.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api } from "../../shared/api.js";
import { useLiveApp } from "../app/LiveAppContext.jsx";
import { asksRefetch } from "../app/eventStream.js";
import { coalesced } from "./coalesce.js";

/**
 * {data, error, loading, refreshing, reload, setData} for `path` (null: nothing to load).
 * `entities`: refetch on `record` events of these (and on ready, reset, version); `refetchWhen(event)` decides instead
 * when given; `initialData`: shown without a first fetch (a dashboard's widget).
 */
export function useLiveResource(path, { entities = [], initialData, refetchWhen } = {}) {
  const { hub } = useLiveApp();
  const [state, setState] = useState(() => ({
    data: initialData ?? null,
    error: null,
    loading: initialData === undefined && Boolean(path),
    refreshing: false,
  }));
  const latestPath = useRef(path);
  const mounted = useRef(false);
  const skipFirstLoad = useRef(initialData !== undefined);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const load = useCallback(async () => {
    const wanted = latestPath.current;
    if (!wanted) return;
    const current = () => mounted.current && latestPath.current === wanted;
    setState((previous) => ({ ...previous, refreshing: true }));
    try {
      const data = await api(wanted);
      if (current()) setState({ data, error: null, loading: false, refreshing: false });
    } catch (error) {
      if (current()) setState((previous) => ({ ...previous, error, loading: false, refreshing: false }));
    }
  }, []);
  const refetch = useMemo(() => coalesced(load), [load]);

  useEffect(() => {
    latestPath.current = path;
    if (skipFirstLoad.current) {
      skipFirstLoad.current = false;
      return;
    }
    if (!path) return;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    refetch();
  }, [path, refetch]);

  const entityKey = entities.join(",");
  const decide = useRef(refetchWhen);
  decide.current = refetchWhen;
  useEffect(() => {
    const watched = entityKey.split(",").filter(Boolean);
    return hub.subscribe((event) => {
      if (decide.current ? decide.current(event) : asksRefetch(event, watched)) refetch();
    });
  }, [hub, entityKey, refetch]);

  const setData = useCallback(
    (update) => setState((previous) => ({ ...previous, data: typeof update === "function" ? update(previous.data) : update })),
    [],
  );
  return { ...state, reload: refetch, setData };
}
