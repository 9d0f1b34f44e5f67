// JSON pointers (RFC 6901) into the app definition: read, and immutable write/remove/move, as the validator reports paths.

export function parsePointer(pointer) {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));
}

export function pointerOf(...tokens) {
  return tokens.map((token) => `/${String(token).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

export function getAt(document, pointer) {
  let value = document;
  for (const token of parsePointer(pointer)) {
    if (value === null || typeof value !== "object") return undefined;
    value = value[token];
  }
  return value;
}

function updateIn(value, tokens, change) {
  if (tokens.length === 0) return change(value);
  const [head, ...rest] = tokens;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(head)] = updateIn(copy[Number(head)], rest, change);
    return copy;
  }
  const base = value && typeof value === "object" ? value : {};
  return { ...base, [head]: updateIn(base[head], rest, change) };
}

/** A copy of the document with the value at `pointer` set (undefined removes an object key). */
export function setAt(document, pointer, value) {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const parent = tokens.slice(0, -1);
  const last = tokens.at(-1);
  return updateIn(document, parent, (container) => {
    if (Array.isArray(container)) {
      const copy = [...container];
      copy[Number(last)] = value;
      return copy;
    }
    const copy = { ...(container ?? {}) };
    if (value === undefined) delete copy[last];
    else copy[last] = value;
    return copy;
  });
}

/** A copy with the array item or object key at `pointer` removed. */
export function removeAt(document, pointer) {
  const tokens = parsePointer(pointer);
  const last = tokens.at(-1);
  return updateIn(document, tokens.slice(0, -1), (container) => {
    if (Array.isArray(container)) return container.filter((_, index) => index !== Number(last));
    const copy = { ...container };
    delete copy[last];
    return copy;
  });
}

/** A copy with `item` appended to the array at `pointer` (created when missing). */
export function appendAt(document, pointer, item) {
  return updateIn(document, parsePointer(pointer), (list) => [...(Array.isArray(list) ? list : []), item]);
}

/** A copy with the array item at index `from` moved to index `to`. */
export function moveAt(document, pointer, from, to) {
  return updateIn(document, parsePointer(pointer), (list) => {
    if (!Array.isArray(list) || from === to || to < 0 || to >= list.length) return list;
    const copy = [...list];
    const [item] = copy.splice(from, 1);
    copy.splice(to, 0, item);
    return copy;
  });
}

/** Whether `path` is `ancestor` or lies inside it. */
export function isWithin(path, ancestor) {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}
