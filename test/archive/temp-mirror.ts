// Temporary mirror folders for archive tests, removed after each test.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

export { item, RUN_TIME } from "./temp-mirror-items.js";

const made: string[] = [];

/** Registers cleanup in the calling test file; call at top level. */
export function useTempDirs(): () => string {
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), "newsmirror-archive-"));
    made.push(dir);
    return dir;
  };
}

export function mirrorPath(dir: string, ...parts: string[]): string {
  return join(dir, ...parts);
}
