// The permission matrix of a draft (as builder/permission_matrix.py computes it for IT reviewers), and edits to it.
import { appendAt, removeAt, setAt } from "../model/pointer.js";

export const OPERATIONS = ["read", "create", "update", "delete"];
export const SCOPES = ["none", "own", "team", "department", "all"];

/** The index in `permissions` of the grant of `role` on `entity`, or -1. */
export function grantIndex(definition, role, entity) {
  return (definition.permissions ?? []).findIndex((grant) => grant.role === role && grant.entity === entity);
}

/** The scope a role has for an operation on an entity ("none" without a grant). */
export function scopeOf(definition, role, entity, operation) {
  const index = grantIndex(definition, role, entity);
  return index < 0 ? "none" : (definition.permissions[index][operation] ?? "none");
}

/** The document with the scope set; a grant left with every operation at none and no where is removed. */
export function withScope(definition, role, entity, operation, scope) {
  const index = grantIndex(definition, role, entity);
  if (index < 0) return scope === "none" ? definition : appendAt(definition, "/permissions", { role, entity, [operation]: scope });
  const grant = { ...definition.permissions[index], [operation]: scope === "none" ? undefined : scope };
  if (scope === "none") delete grant[operation];
  const empty = OPERATIONS.every((name) => !grant[name] || grant[name] === "none") && !grant.where;
  return empty ? removeAt(definition, `/permissions/${index}`) : setAt(definition, `/permissions/${index}`, grant);
}
