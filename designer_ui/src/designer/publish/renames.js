// Renames in a publish: an archived field (or record type) that is really a new one under another id.
// Ids are never guessed: the person publishing pairs them, and the plan is made again with the renames.
// An archive_column step names the old field in `from_field` (its `field` is null) and the old entity in
// `from_entity` when the entity was renamed too.

/** The old id an archive step removes: "entity.field" or "entity". */
export function archivedId(step) {
  const entity = step.from_entity ?? step.entity;
  return step.kind === "archive_column" ? `${entity}.${step.from_field ?? step.field}` : entity;
}

export const NO_RENAMES = { entities: {}, fields: {} };

/** Each archive step with the steps that could be it under a new id: [{step, candidates: [new id]}]. */
export function renameCandidates(steps) {
  const pairs = [];
  for (const step of steps ?? []) {
    if (step.kind === "archive_column") {
      const added = steps.filter((other) => other.kind === "add_column" && other.entity === step.entity).map((other) => other.field);
      if (added.length) pairs.push({ step, candidates: added });
    } else if (step.kind === "archive_table") {
      const created = steps.filter((other) => other.kind === "create_table").map((other) => other.entity);
      if (created.length) pairs.push({ step, candidates: created });
    }
  }
  return pairs;
}

/** The renames with one more pairing (an archive step and the new id it becomes). */
export function withRename(renames, step, newId) {
  const kind = step.kind === "archive_table" ? "entities" : "fields";
  return { ...renames, [kind]: { ...renames[kind], [archivedId(step)]: newId } };
}

/** The renames without one pairing: kind "entities" or "fields", and its key. */
export function withoutRename(renames, kind, key) {
  const rest = { ...renames[kind] };
  delete rest[key];
  return { ...renames, [kind]: rest };
}

/** Whether any rename is set. */
export function hasRenames(renames) {
  return Object.keys(renames.entities).length + Object.keys(renames.fields).length > 0;
}
