// Tests scripts/bundle.ts: the bundled command (what `npm run build` installs) runs as the source does, its
// worker threads included.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_ENTRIES, bundle } from "../../scripts/bundle.js";
import { MANIFEST_DIR } from "../../src/site/manifest.js";
import { startFeedFarm, type FeedFarm } from "../support/feed-farm.js";
import { sharedPath } from "../support/paths.js";
import { expectSameTree, readTree } from "../support/site-tree.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// Two folders below the project, as dist/bin/ is: the bundle finds theme/ from there.
const OUT = join(ROOT, "test-output", "bundle");
const SOURCE_MAIN = join(ROOT, "src", "cli", "main.ts");
const work = mkdtempSync(join(tmpdir(), "nm-bundle-"));

beforeAll(async () => {
  await bundle(OUT);
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Not execFileSync: the feed server below runs in this process, and a blocked event loop would starve it.
const runNode = promisify(execFile);

async function node(...args: string[]): Promise<string> {
  return (await runNode(process.execPath, args, { encoding: "utf8", env: { ...process.env, CI: "1" } })).stdout;
}

function corpusMirror(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  cpSync(sharedPath("corpus/posts"), join(dir, "_posts"), { recursive: true });
  return dir;
}

describe("the bundle", () => {
  it("has an entry for every worker the code starts by name", () => {
    const names = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else for (const match of readFileSync(path, "utf8").matchAll(/(?:moduleWorker|workerReply)(?:<[^>]*>)?\("([\w-]+)"/g)) names.add(match[1]!);
      }
    };
    walk(join(ROOT, "src"));
    expect([...names].sort()).toEqual(["list-worker", "render-worker", "story-worker"]);
    for (const name of names) expect(Object.keys(BUNDLE_ENTRIES)).toContain(name);
  });

  it("builds the corpus into the same site, byte for byte, as the source does", async () => {
    const fromBundle = corpusMirror("bundle");
    const fromSource = corpusMirror("source");
    const [output] = await Promise.all([node(join(OUT, "newsmirror.js"), "build", "--dir", fromBundle), node("--import", "tsx", SOURCE_MAIN, "build", "--dir", fromSource)]);
    expect(output).toMatch(/^site: 2470 posts/m);
    const everyFile = (): boolean => true;
    const ours = readTree(join(fromBundle, "_site"), everyFile);
    expectSameTree(ours, readTree(join(fromSource, "_site"), everyFile));
    // Search data and the theme's assets, found from the bundle's folder.
    expect([...ours.keys()].some((path) => path.startsWith("search/"))).toBe(true);
    expect(ours.has("assets/search-engine.js")).toBe(true);
  }, 240_000);

  it("renders post pages on its render workers", async () => {
    const { buildSite } = (await import(pathToFileURL(join(OUT, "site.js")).href)) as typeof import("../../src/site/index.js");
    const built = await buildSite({ dir: join(work, "bundle"), full: true, search: false, workers: 1 });
    expect(built.ok && built.value.workers).toBe(1);
  }, 120_000);

  // Uses the mirror the corpus test built with the bundle, as the test before does.
  it("lists the posts on its list worker", async () => {
    const dir = join(work, "bundle");
    const { listAside } = (await import(pathToFileURL(join(OUT, "post-listing.js")).href)) as typeof import("../../src/site/post-listing.js");
    const listing = listAside(join(dir, "_posts"), join(dir, MANIFEST_DIR));
    try {
      const delta = await listing.delta;
      expect(delta).not.toBe(null);
      expect(delta!.newNames).toEqual([]);
      expect((await listing.files()).length).toBe(2470);
    } finally {
      listing.close();
    }
  });

  it("links stories on its story worker", async () => {
    // A first build starts it only from 30,000 posts: started here directly, on the golden post (a news article
    // of some 1,500 characters) under two names, from two sources.
    const names = ["2023-12-07-詐騙-a.md", "2023-12-07-詐騙-b.md"];
    const postsDir = join(work, "story-posts");
    mkdirSync(postsDir);
    for (const name of names) cpSync(sharedPath("golden/cna-2023-12-07.expected.md"), join(postsDir, name));
    const time = Date.parse("2023-12-07T03:12:00Z");
    const posts = names.map((fileName, i) => ({ fileName, site: `source ${i}`, time, hash: fileName }));
    const worker = new Worker(pathToFileURL(join(OUT, "story-worker.js")), { workerData: { cacheFile: join(work, "story-cache.json"), postsDir, posts } });
    try {
      const reply = await new Promise((resolve, reject) => {
        worker.once("message", resolve).once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the story worker stopped (${code}) without a reply`)));
      });
      expect(reply).toMatchObject({ ok: true, links: [[names[0], [names[1]]], [names[1], [names[0]]]] });
    } finally {
      await worker.terminate();
    }
  });

  it("refuses to bundle into any folder but its own two, and leaves it as it was", async () => {
    const sentinel = join(ROOT, "test-output", `not-a-bundle-${process.pid}`);
    mkdirSync(sentinel, { recursive: true });
    writeFileSync(join(sentinel, "keep.txt"), "keep");
    try {
      for (const folder of [sentinel, "test-output", join(tmpdir(), "nm-bundle-elsewhere")]) await expect(bundle(folder)).rejects.toThrow(/is not a bundle folder/);
      expect(readFileSync(join(sentinel, "keep.txt"), "utf8")).toBe("keep");
    } finally {
      rmSync(sentinel, { recursive: true, force: true });
    }
  });

  describe("run", () => {
    let farm: FeedFarm;
    beforeAll(async () => {
      farm = await startFeedFarm(3, 5);
    });
    afterAll(async () => farm.close());

    it("fetches, cleans, writes and builds", async () => {
      const dir = join(work, "run");
      mkdirSync(dir);
      writeFileSync(join(dir, "subs.json"), JSON.stringify(farm.feedUrls.map((url, i) => ({ site: `source ${i}`, url }))));
      writeFileSync(join(dir, "newsmirror.yml"), "defaults:\n  images: hotlink\n");
      await node(join(OUT, "newsmirror.js"), "run", "--dir", dir);
      expect(readdirSync(join(dir, "_posts")).filter((f) => f.endsWith(".md"))).toHaveLength(15);
      expect(readFileSync(join(dir, "_site", "index.html"), "utf8")).toContain("source 2");
    }, 120_000);
  });
});
