// Known items: an unchanged one is "seen" without being prepared again; a headline edit is a revision, not a post.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/fetch/index.js";
import { runMirror } from "../../src/ingest/index.js";
import { startFixtureServer, type FixtureServer } from "../support/fixture-server.js";

let server: FixtureServer;
let headline = "Minister meets counterpart";
beforeAll(async () => {
  server = await startFixtureServer({
    "/feed.xml": (req, res) => {
      const base = `http://${req.headers.host}`;
      const item = (n: number, title: string) =>
        `<item><title>${title}</title><link>${base}/news/${n}.html</link><pubDate>Mon, 06 Jan 2025 1${n}:00:00 GMT</pubDate><description>&lt;p&gt;Story ${n} text, long enough to be an article of its own.&lt;/p&gt;</description></item>`;
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>${base}/</link>${item(1, headline)}${item(2, "Second story")}</channel></rss>`);
    },
  });
});
afterAll(async () => server.close());

describe("known items", () => {
  it("counts unchanged items as seen and records a headline edit once, without a second post", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nm-rev-"));
    try {
      writeFileSync(join(dir, "subs.json"), JSON.stringify([{ site: "Wire", url: `${server.url}/feed.xml`, full_text: "never", images: "hotlink" }]));
      const fetcher = createFetcher({ limits: { retries: 0 }, env: {} });
      const first = await runMirror({ dir, fetcher });
      expect(first.ok && first.value.sources[0]).toMatchObject({ written: 2, seen: 0, revised: 0 });
      const second = await runMirror({ dir, fetcher });
      expect(second.ok && second.value.sources[0]).toMatchObject({ written: 0, seen: 2, revised: 0 });
      headline = "Minister meets counterpart, signs pact";
      const third = await runMirror({ dir, fetcher });
      const fourth = await runMirror({ dir, fetcher });
      await fetcher.close();
      expect(third.ok && third.value.sources[0]).toMatchObject({ written: 0, seen: 1, revised: 1 });
      expect(fourth.ok && fourth.value.sources[0]).toMatchObject({ written: 0, seen: 2, revised: 0 });
      expect(readdirSync(join(dir, "_posts"))).toHaveLength(2);
      const revisions = readFileSync(join(dir, "revisions.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(revisions).toHaveLength(1);
      expect(revisions[0]).toMatchObject({ oldTitle: "Minister meets counterpart", newTitle: "Minister meets counterpart, signs pact", textChange: false, textSimilarity: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
