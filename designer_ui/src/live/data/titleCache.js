// Titles of pointed-at records (a ref column holds an id): fetched in batches once, kept per entity, forgotten when
// that entity's records change.

/**
 * A cache of record titles. `fetchTitles(entity, ids)` resolves to a Map id → title (null when unreadable).
 * `title(entity, id)` is the known title (undefined while unknown); `load(entity, ids)` fetches the missing ones;
 * `subscribe(listener)` is told when titles arrive or are forgotten.
 */
export function createTitleCache(fetchTitles) {
  const known = new Map(); // entity → Map(id → title | null)
  const asked = new Map(); // entity → Set(id) being fetched
  const listeners = new Set();
  let version = 0;
  const notify = () => {
    version += 1;
    for (const listener of [...listeners]) listener();
  };
  const of = (map, entity, make) => {
    if (!map.has(entity)) map.set(entity, make());
    return map.get(entity);
  };
  return {
    title(entity, id) {
      return known.get(entity)?.get(Number(id)) ?? undefined;
    },
    async load(entity, ids) {
      const titles = of(known, entity, () => new Map());
      const pending = of(asked, entity, () => new Set());
      const missing = [...new Set(ids.map(Number))].filter((id) => Number.isInteger(id) && !titles.has(id) && !pending.has(id));
      if (missing.length === 0) return;
      missing.forEach((id) => pending.add(id));
      try {
        const found = await fetchTitles(entity, missing);
        for (const id of missing) titles.set(id, found.get(id) ?? null);
      } catch {
        for (const id of missing) titles.set(id, null);
      } finally {
        missing.forEach((id) => pending.delete(id));
      }
      notify();
    },
    forget(entity) {
      if (known.delete(entity)) notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    version: () => version,
  };
}
