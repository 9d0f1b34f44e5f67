// Every text key the shell, the designer and the live app use literally exists (in English; another test keeps Chinese in step).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RESOURCES } from "./index.js";

const SOURCE = join(import.meta.dirname, "..");
const AREAS = { designer: ["designer"], live: ["live"], common: ["auth", "home", "shared", "App.jsx"] };

function files(path) {
  if (!statSync(path).isDirectory()) return /\.jsx?$/.test(path) && !/\.test\.jsx?$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

function has(resources, key) {
  return key.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), resources) !== undefined;
}

describe.each(Object.entries(AREAS))("texts of the %s namespace", (namespace, folders) => {
  it("exist for every key used literally", () => {
    const used = new Set();
    for (const path of folders.flatMap((folder) => files(join(SOURCE, folder)))) {
      for (const match of readFileSync(path, "utf8").matchAll(/\bt\("([^"$]+)"/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter((key) => !has(RESOURCES.en[namespace], key));
    expect(missing).toEqual([]);
  });
});
