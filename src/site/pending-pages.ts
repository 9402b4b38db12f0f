// The pages a build is about to write, noted before it writes them and cleared once its manifest is saved. A
// build killed in between left pages on disk that no record describes (a new post's page, lists showing it);
// the next build finds the note and renders those pages again, or removes them, whatever changed meanwhile.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PENDING_FILE = "pending-pages.json";

/** Notes that the pages at `paths` (site paths), or every page, are about to be written. */
export function notePending(manifestDir: string, paths: readonly string[] | "all"): void {
  mkdirSync(manifestDir, { recursive: true });
  writeFileSync(join(manifestDir, PENDING_FILE), JSON.stringify(paths));
}

/** What the last build noted and did not clear: its paths, "all", or null. A note that cannot be read is "all". */
export function readPending(manifestDir: string): string[] | "all" | null {
  let text: string;
  try {
    text = readFileSync(join(manifestDir, PENDING_FILE), "utf8");
  } catch {
    return null;
  }
  try {
    const paths: unknown = JSON.parse(text);
    return Array.isArray(paths) && paths.every((path) => typeof path === "string") ? paths : "all";
  } catch {
    return "all";
  }
}

export function clearPending(manifestDir: string): void {
  rmSync(join(manifestDir, PENDING_FILE), { force: true });
}
