// One live app on the page: its navigation (views, entities, what the user may do), its event stream and hub, the
// cache of pointed-at records' titles; every live page reads them through useLiveApp().
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { api } from "../../shared/api.js";
import { useLanguage } from "../../shared/language.js";
import { useApi } from "../../shared/useApi.js";
import { useViewAs } from "../../shared/viewAs.jsx";
import { createTitleCache } from "../data/titleCache.js";
import { apiPaths, idsCondition } from "../data/paths.js";
import { appEventsUrl, createEventHub, openEventStream } from "./eventStream.js";

const LiveAppContext = createContext(null);
const STREAM_EVENTS = ["ready", "record", "version", "reset"];
const TITLE_BATCH = 500;

export function LiveAppProvider({ appId, children }) {
  const { viewAs } = useViewAs();
  const navigation = useApi(apiPaths.navigation(appId), { viewAs });
  const hub = useMemo(() => createEventHub(), [appId, viewAs]); // eslint-disable-line react-hooks/exhaustive-deps
  const [streamState, setStreamState] = useState("connecting");
  const reloadNavigation = navigation.reload;

  useEffect(() => {
    const handlers = Object.fromEntries(
      STREAM_EVENTS.map((type) => [
        type,
        (data) => {
          if (type === "version") reloadNavigation();
          hub.emit({ ...data, type });
        },
      ]),
    );
    return openEventStream(appEventsUrl(appId, viewAs), handlers, setStreamState);
  }, [appId, viewAs, hub, reloadNavigation]);

  const entities = navigation.data?.entities;
  const titles = useMemo(
    () =>
      createTitleCache(async (entityId, ids) => {
        const entity = entities?.find((item) => item.id === entityId);
        const found = new Map();
        if (!entity?.may?.read || !entity.title_field) return found;
        for (let start = 0; start < ids.length; start += TITLE_BATCH) {
          const batch = ids.slice(start, start + TITLE_BATCH);
          const page = await api(apiPaths.records(appId, entityId, { filter: idsCondition(batch), page_size: TITLE_BATCH }));
          for (const record of page.items) found.set(record.id, record[entity.title_field] ?? null);
        }
        return found;
      }),
    [appId, entities],
  );
  useEffect(
    () => hub.subscribe((event) => (event.type === "record" ? titles.forget(event.entity) : undefined)),
    [hub, titles],
  );

  const value = useMemo(
    () => ({
      appId,
      viewAs,
      readOnly: Boolean(viewAs),
      navigation: navigation.data,
      navigationError: navigation.error,
      navigationLoading: navigation.loading && !navigation.data,
      reloadNavigation,
      hub,
      streamState,
      titles,
    }),
    [appId, viewAs, navigation.data, navigation.error, navigation.loading, reloadNavigation, hub, streamState, titles],
  );
  return <LiveAppContext.Provider value={value}>{children}</LiveAppContext.Provider>;
}

/** The live app around the page: {appId, navigation, hub, titles, readOnly, streamState, …}. */
export function useLiveApp() {
  const live = useContext(LiveAppContext);
  if (!live) throw new Error("useLiveApp needs a <LiveAppProvider>");
  return live;
}

/** An entity of the app as navigation describes it: {id, label, title_field, may}. */
export function useEntity(entityId) {
  const { navigation } = useLiveApp();
  return navigation?.entities?.find((entity) => entity.id === entityId) ?? null;
}

/** The first detail view of an entity (the record page uses it), or null. */
export function useDetailView(entityId) {
  const { navigation } = useLiveApp();
  return navigation?.views?.find((view) => view.kind === "detail" && view.entity === entityId) ?? null;
}

/** The formatting context of values: language, the app's time zone, titles of pointed-at records. */
export function useFormatContext() {
  const { navigation, titles } = useLiveApp();
  const [language] = useLanguage();
  const version = useSyncExternalStore(titles.subscribe, titles.version);
  const refTitle = useCallback((entity, id) => titles.title(entity, id), [titles, version]); // eslint-disable-line react-hooks/exhaustive-deps
  return useMemo(
    () => ({ language, timeZone: navigation?.app?.timezone || "UTC", refTitle }),
    [language, navigation?.app?.timezone, refTitle],
  );
}

/** Fetch the titles the ref columns of these rows point at (shown once they arrive). */
export function useRefTitles(columns, rows) {
  const { titles } = useLiveApp();
  const wanted = useMemo(() => {
    const byEntity = new Map();
    for (const column of columns ?? []) {
      if (column.type !== "ref" || !column.target_entity) continue;
      const ids = byEntity.get(column.target_entity) ?? [];
      for (const row of rows ?? []) if (row?.[column.id] !== null && row?.[column.id] !== undefined) ids.push(row[column.id]);
      byEntity.set(column.target_entity, ids);
    }
    return byEntity;
  }, [columns, rows]);
  const version = useSyncExternalStore(titles.subscribe, titles.version);
  useEffect(() => {
    for (const [entity, ids] of wanted) if (ids.length) titles.load(entity, ids);
  }, [wanted, titles, version]);
}
