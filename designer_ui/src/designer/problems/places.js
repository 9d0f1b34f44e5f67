// Where a validator problem lives in the designer: its JSON-pointer path → the designer tab and the element to show.
import { labelText } from "../../shared/labels.js";
import { getAt, parsePointer } from "../model/pointer.js";

const TAB_OF_COLLECTION = {
  entities: "entities",
  forms: "forms",
  workflows: "flows",
  views: "views",
  rules: "rules",
  definitions: "rules",
  permissions: "permissions",
  roles: "permissions",
};

/** {tab, focus}: the designer tab that shows the place and the pointer to highlight there. */
export function placeOf(path) {
  const [collection] = parsePointer(path);
  const tab = TAB_OF_COLLECTION[collection] ?? "app";
  return { tab, focus: path || "" };
}

/** The element of a collection a path points into: {collection, index, rest} or null. */
export function elementOf(path, collection) {
  const tokens = parsePointer(path);
  if (tokens[0] !== collection || tokens.length < 2 || !/^\d+$/.test(tokens[1])) return null;
  return { collection, index: Number(tokens[1]), rest: tokens.slice(2) };
}

function named(item, language) {
  if (!item || typeof item !== "object") return null;
  return labelText(item.label, language, item.id ?? null) || item.id || null;
}

/** A readable trail of the place, e.g. ["合同", "金额"], from the definition's labels (ids when unlabelled). */
export function placeTrail(path, definition, language) {
  const tokens = parsePointer(path);
  const trail = [];
  let pointer = "";
  for (let position = 0; position < tokens.length; position += 1) {
    pointer += `/${tokens[position].replaceAll("~", "~0").replaceAll("/", "~1")}`;
    if (!/^\d+$/.test(tokens[position])) continue;
    const name = named(getAt(definition, pointer), language);
    if (name) trail.push(name);
  }
  return trail;
}
