// Safety: labels, option names and values are always rendered as text; no source file may inject raw HTML.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SOURCE = join(import.meta.dirname, "..");
const FORBIDDEN = /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(|\beval\(|new Function\(/;

function sourceFiles(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(js|jsx)$/.test(name) && !/\.test\.jsx?$/.test(name) ? [path] : [];
  });
}

describe("the UI's sources", () => {
  it("never inject raw HTML or run text as code", () => {
    const files = sourceFiles(SOURCE);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((path) => FORBIDDEN.test(readFileSync(path, "utf8")));
    expect(offenders).toEqual([]);
  });
});
