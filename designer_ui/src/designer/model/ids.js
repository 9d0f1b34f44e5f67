// New ids for things the designer adds: the first free `<base>_<n>`.

export function freeId(base, taken) {
  const used = new Set(taken);
  for (let number = 1; ; number += 1) {
    const candidate = `${base}_${number}`;
    if (!used.has(candidate)) return candidate;
  }
}
