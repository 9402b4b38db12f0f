// Built sites in tests: the files under a folder, their bytes, and the check that two folders hold the same site.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect } from "vitest";
import { buildSite, type BuildReport } from "../../src/site/index.js";

/** Every file under `root`, as "/"-separated paths relative to it. */
export function listFiles(root: string, dir = root): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listFiles(root, full));
    else files.push(relative(root, full).split("\\").join("/"));
  }
  return files;
}

/** The files under `root` that `keep` keeps (by default all but the search data), each path to its bytes in base64. */
export function readTree(root: string, keep = (path: string): boolean => !path.startsWith("search/")): Map<string, string> {
  return new Map(listFiles(root).filter(keep).map((f) => [f, readFileSync(join(root, f)).toString("base64")]));
}

/** The same paths in both trees, and no path whose bytes differ. */
export function expectSameTree(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): void {
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  expect([...a.keys()].filter((path) => a.get(path) !== b.get(path))).toEqual([]);
}

/** `buildSite`'s report, or a throw with its failure's message. */
export async function mustBuild(options: Parameters<typeof buildSite>[0]): Promise<BuildReport> {
  const built = await buildSite(options);
  if (!built.ok) throw new Error(built.failure.message);
  return built.value;
}
