// What the server's refusals mean to the user: a message key per error code, and field problems placed on the
// fields of a react-jsonschema-form (extraErrors) by their JSON-pointer paths.
import { labelText } from "../../shared/labels.js";

const REFUSALS = {
  "record.locked": "refusal.locked",
  "access.denied": "refusal.denied",
  "access.view_as": "refusal.viewAs",
  "record.stale": "refusal.stale",
  "record.not_found": "refusal.notFound",
  "workflow.already_decided": "refusal.alreadyDecided",
  "workflow.conflict": "refusal.conflict",
  "network.unreachable": "refusal.offline",
};

/** The i18n key (namespace "live") of a refusal the UI explains itself, or null (then the server's text is shown). */
export function refusalKey(error) {
  if (!error) return null;
  if (error.problems?.some((problem) => problem.code === "record.stale")) return REFUSALS["record.stale"];
  return REFUSALS[error.code] ?? null;
}

/** The message of an error in a language: ours for known refusals, else the server's. */
export function refusalText(error, t, language) {
  const key = refusalKey(error);
  if (key) return t(key);
  if (typeof error?.text === "function") return error.text(language);
  return String(error?.message ?? t("refusal.unknown"));
}

function pointerTokens(path) {
  if (!path || path === "/") return [];
  return path
    .split("/")
    .slice(1)
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Put each problem on its field: {extraErrors: {amount: {__errors: ["…"]}}, unplaced: [problem…]}.
 * A problem whose path names no property of the schema (the body itself, row_version) stays unplaced.
 */
export function problemsToExtraErrors(problems, schema, language) {
  const extraErrors = {};
  const unplaced = [];
  for (const problem of problems ?? []) {
    const tokens = pointerTokens(problem.path);
    const message = labelText(problem.message, language, problem.code);
    const field = tokens[0];
    const property = field !== undefined ? schema?.properties?.[field] : undefined;
    if (!property || field === "row_version") {
      unplaced.push(problem);
      continue;
    }
    let node = extraErrors;
    for (const token of tokens) node = node[token] ??= {};
    (node.__errors ??= []).push(message);
  }
  return { extraErrors, unplaced };
}
