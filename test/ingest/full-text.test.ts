// A feed that carries only a teaser: the run fetches the page, and the post holds the whole article.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/fetch/index.js";
import { runMirror } from "../../src/ingest/index.js";
import { serveFile, startFixtureServer, status, type FixtureServer } from "../support/fixture-server.js";
import { sharedPath } from "../support/paths.js";

const PAGE = sharedPath("corpus/articles/mozilla-readability/001/source.html");

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({
    "/feed.xml": (req, res) => {
      const base = `http://${req.headers.host}`;
      const item = (path: string, title: string) =>
        `<item><title>${title}</title><link>${base}${path}</link><pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate><description>So finally you're testing your frontend JavaScript code? Great! The more you write tests...</description></item>`;
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>${base}/</link>${item("/article.html", "Mocha")}${item("/missing.html", "Gone")}</channel></rss>`);
    },
    "/article.html": serveFile(PAGE, { contentType: "text/html; charset=utf-8" }),
    "/missing.html": status(404),
  });
});
afterAll(async () => server.close());

describe("full text", () => {
  it("completes a summary from its page, and keeps the summary when the page cannot be had", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nm-full-"));
    try {
      writeFileSync(join(dir, "subs.json"), JSON.stringify([{ site: "Blog", url: `${server.url}/feed.xml`, images: "hotlink" }]));
      const fetcher = createFetcher({ limits: { retries: 0 }, env: {} });
      const result = await runMirror({ dir, fetcher });
      await fetcher.close();
      if (!result.ok) throw new Error(result.failure.message);
      expect(result.value.sources[0]?.written).toBe(2);
      const posts = readdirSync(join(dir, "_posts")).map((f) => readFileSync(join(dir, "_posts", f), "utf8"));
      const mocha = posts.find((p) => p.includes('title: "Mocha"')) as string;
      // A sentence from the middle of the article, far beyond the teaser.
      expect(mocha).toContain("Mocha");
      expect(mocha.length).toBeGreaterThan(5_000);
      expect(mocha).not.toMatch(/<script/i);
      const gone = posts.find((p) => p.includes('title: "Gone"')) as string;
      expect(gone).toContain("The more you write tests...");
      expect(result.value.sources[0]?.warnings.join("\n")).toMatch(/missing\.html.*404/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
