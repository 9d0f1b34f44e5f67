// Sorting a table by clicking its headers: the sort parameter is "field" (ascending) or "-field" (descending).

const UNSORTABLE = new Set(["longtext", "multichoice"]);

export function sortable(column) {
  return !UNSORTABLE.has(column.type);
}

/** The first key of a sort parameter: {field, descending} (or null). */
export function firstSortKey(sort) {
  const first = String(sort ?? "").split(",")[0].trim();
  if (!first) return null;
  return first.startsWith("-") ? { field: first.slice(1), descending: true } : { field: first, descending: false };
}

/** The sort after clicking a column's header: that column ascending, or the other way round when it sorts already. */
export function nextSort(currentSort, field) {
  const current = firstSortKey(currentSort);
  if (current?.field === field) return current.descending ? field : `-${field}`;
  return field;
}

/** aria-sort of a header. */
export function ariaSort(currentSort, field) {
  const current = firstSortKey(currentSort);
  if (current?.field !== field) return "none";
  return current.descending ? "descending" : "ascending";
}
