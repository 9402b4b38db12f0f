// Mirrors fed by a feed farm, for a test file: the farm starts before its tests, and it and the mirrors' folders go
// after them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startFeedFarm, type FeedFarm } from "./feed-farm.js";

export interface FarmMirrors {
  /** A new temporary folder, removed after the file's tests. */
  tempDir: (prefix: string) => string;
  /** Makes the farm's feeds the sources of the mirror in `dir`, named `sites`; feeds only (no pages, no images). */
  subscribe: (dir: string, sites: readonly string[]) => void;
}

/** Call at the top level of a test file. */
export function useFarmMirrors(feeds: number, perFeed: number): FarmMirrors {
  let farm: FeedFarm | undefined;
  const temps: string[] = [];
  beforeAll(async () => {
    farm = await startFeedFarm(feeds, perFeed);
  });
  afterAll(async () => {
    await farm?.close();
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });
  return {
    tempDir: (prefix) => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      temps.push(dir);
      return dir;
    },
    subscribe: (dir, sites) => {
      writeFileSync(join(dir, "subs.json"), JSON.stringify(farm!.feedUrls.map((url, i) => ({ site: sites[i], url }))));
      writeFileSync(join(dir, "newsmirror.yml"), "defaults:\n  full_text: never\n  images: hotlink\n");
    },
  };
}
