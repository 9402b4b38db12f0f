// `newsmirror fetch` as a user runs it: killed mid-run then rerun (nothing lost, nothing twice), two runs at once.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFeedFarm, type FeedFarm } from "../../support/feed-farm.js";

const MAIN = fileURLToPath(new URL("../../../src/cli/main.ts", import.meta.url));
const FEEDS = 24;
const PER_FEED = 40;

let farm: FeedFarm;
beforeAll(async () => {
  farm = await startFeedFarm(FEEDS, PER_FEED);
});
afterAll(async () => farm.close());

function newMirror(): string {
  const dir = mkdtempSync(join(tmpdir(), "nm-fetch-"));
  writeFileSync(join(dir, "subs.json"), JSON.stringify(farm.feedUrls.map((url, i) => ({ site: `source ${i % 6}`, url })), undefined, 4));
  writeFileSync(join(dir, "newsmirror.yml"), "defaults:\n  clean: false\n  full_text: never\n  images: hotlink\n");
  return dir;
}

function startFetch(dir: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", MAIN, "fetch", "--dir", dir], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "1" } });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

function postCount(dir: string): number {
  return existsSync(join(dir, "_posts")) ? readdirSync(join(dir, "_posts")).filter((f) => f.endsWith(".md")).length : 0;
}

/** Every post's `from:` URL, and the ledger's lines. */
function archived(dir: string): { froms: string[]; ledger: string[]; files: string[] } {
  const files = readdirSync(join(dir, "_posts"));
  const froms = files.filter((f) => f.endsWith(".md")).map((f) => /^from: (.*)$/m.exec(readFileSync(join(dir, "_posts", f), "utf8"))?.[1] ?? "");
  const ledger = readFileSync(join(dir, "allurls.dat"), "utf8").split("\n").filter(Boolean);
  return { froms, ledger, files };
}

describe("newsmirror fetch", () => {
  it.each([
    ["early in the run", 20],
    ["in the middle of the run", 400],
  ])("killed %s and rerun loses nothing and writes nothing twice", async (_when, killAfter) => {
    const dir = newMirror();
    try {
      const child = startFetch(dir);
      const done = exited(child);
      const started = Date.now();
      while (postCount(dir) < killAfter && Date.now() - started < 60_000 && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      child.kill("SIGKILL");
      await done;
      const killedAt = postCount(dir);
      expect(killedAt).toBeLessThan(FEEDS * PER_FEED);
      const rerun = startFetch(dir);
      expect(await exited(rerun)).toBe(0);
      const { froms, ledger, files } = archived(dir);
      const expected = farm.feedUrls.flatMap((_, f) => Array.from({ length: PER_FEED }, (_, i) => `${farm.url}/news/${f}/${i}.html`)).sort();
      expect([...froms].sort()).toEqual(expected);
      expect([...ledger].sort()).toEqual(expected);
      expect(files.filter((f) => !f.endsWith(".md"))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a second run on the same mirror while the first holds the lock", async () => {
    const dir = newMirror();
    try {
      const first = startFetch(dir);
      const firstDone = exited(first);
      while (postCount(dir) < 1 && first.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      // Paused, the first run holds its lock for as long as the second takes to start, however slow the machine.
      first.kill("SIGSTOP");
      const second = startFetch(dir);
      let stderr = "";
      second.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const secondCode = await exited(second);
      first.kill("SIGCONT");
      expect(await firstDone).toBe(0);
      expect(secondCode).toBe(3);
      expect(stderr).toMatch(/another newsmirror run/);
      expect(archived(dir).froms.length).toBe(FEEDS * PER_FEED);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
