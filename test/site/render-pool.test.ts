// Tests src/site/render-pool.ts: when workers are worth starting, and a worker that reads posts before it renders
// (the pool itself is proved byte-identical in build.test.ts).
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSiteConfig } from "../../src/site/config.js";
import { planPages, type PlannedPage } from "../../src/site/page-plan.js";
import { listPostFiles } from "../../src/site/post-files.js";
import { readPostHtml, readPosts } from "../../src/site/post-reader.js";
import { postJobOf } from "../../src/site/render-job.js";
import { renderPage } from "../../src/site/render-page.js";
import { createRenderPool, startRenderPool, workerCount } from "../../src/site/render-pool.js";
import { loadTheme } from "../../src/site/theme.js";
import { sharedPath } from "../support/paths.js";

const CORPUS = sharedPath("corpus/posts");

describe("workerCount", () => {
  it.each([
    ["a small build stays on the main thread", 100, undefined, 0],
    ["an explicit count wins", 100, 3, 3],
    ["a negative request means none", 5000, -1, 0],
  ])("%s", (_reason, pages, requested, expected) => {
    expect(workerCount(pages, requested)).toBe(expected);
  });

  it("a large build uses all cores but one, at most 4", () => {
    const cores = availableParallelism();
    expect(workerCount(50_000)).toBe(cores < 2 ? 0 : Math.min(cores - 1, 4));
  });

  it("no pool for a count of 0", async () => {
    expect(await createRenderPool({ mirrorDir: "/x", postsDir: "/x/_posts", extraAssets: [], config: {} as never, outRoot: "/x", searchScripts: [], toggle: false }, 0)).toBe(null);
  });
});

describe("a worker that shares the reading", () => {
  it("reads the posts it claims and renders their pages from the HTML it kept, as the main thread would", async () => {
    const mirror = mkdtempSync(join(tmpdir(), "newsmirror-pool-"));
    try {
      const names = readdirSync(CORPUS).filter((name) => name.startsWith("2021-05-")).sort().slice(0, 6);
      mkdirSync(join(mirror, "_posts"));
      for (const name of names) copyFileSync(join(CORPUS, name), join(mirror, "_posts", name));
      writeFileSync(join(mirror, "_posts", "2021-05-31-broken.md"), "no front matter\n");
      const config = parseSiteConfig("");
      const theme = await loadTheme(mirror);
      if (!config.ok || !theme.ok) throw new Error("setup");
      const files = listPostFiles(join(mirror, "_posts"));
      // The counter starts at 0 and this thread claims nothing: the worker reads every file.
      const next = new Int32Array(new SharedArrayBuffer(4));
      const setup = { mirrorDir: mirror, postsDir: join(mirror, "_posts"), extraAssets: [], config: config.value, outRoot: join(mirror, "_site"), searchScripts: [], toggle: false };
      const starting = startRenderPool({ ...setup, scan: { files, next } }, 1);
      const [scanned] = await starting.scanned;
      const pool = await starting.pool;
      expect(pool).not.toBe(null);
      try {
        const here = readPosts(setup.postsDir, files, config.value);
        expect(scanned!.posts).toEqual(here.posts);
        expect(scanned!.unreadable.map((u) => u.fileName)).toEqual(["2021-05-31-broken.md"]);
        // Without HTML in the job the worker uses what it kept; the page equals the main thread's.
        const plan = planPages(here.posts, config.value, { siteHash: "s", assets: [] });
        const page = plan.pages.find((p): p is Extract<PlannedPage, { kind: "post" }> => p.kind === "post")!;
        const keys = new Map(plan.sources.map((s) => [s.name, s.key]));
        await pool!.sendTo(0, [postJobOf(plan, page, keys, null)]);
        const html = readPostHtml(setup.postsDir, plan.posts[page.post]!.fileName);
        const expected = await renderPage({ plan, config: config.value, theme: theme.value, loadHtml: () => html, searchScripts: [], toggle: false }, page);
        expect(readFileSync(join(mirror, "_site", page.path), "utf8")).toBe(expected);
        // HTML the main thread kept travels with the job as bytes (a Uint8Array once cloned) and is the article.
        const other = plan.pages.filter((p): p is Extract<PlannedPage, { kind: "post" }> => p.kind === "post")[1]!;
        const sent = "<p>從主執行緒送來的文章</p>";
        await pool!.sendTo(0, [postJobOf(plan, other, keys, Buffer.from(sent))]);
        const sentPage = await renderPage({ plan, config: config.value, theme: theme.value, loadHtml: async () => sent, searchScripts: [], toggle: false }, other);
        expect(readFileSync(join(mirror, "_site", other.path), "utf8")).toBe(sentPage);
        expect(sentPage).toContain(sent);
      } finally {
        await pool!.close();
      }
    } finally {
      rmSync(mirror, { recursive: true, force: true });
    }
  }, 60_000);
});
