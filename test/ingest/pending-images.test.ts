// An image whose download fails stays hot-linked, and a later run mirrors it and rewrites the post's body.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/fetch/index.js";
import { runMirror } from "../../src/ingest/index.js";
import { sequence, serveText, startFixtureServer, status, type FixtureServer } from "../support/fixture-server.js";

/** A real 1x1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({
    "/feed.xml": (req, res) => {
      const base = `http://${req.headers.host}`;
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>${base}/</link>
<item><title>Photo story</title><link>${base}/story.html</link><pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate>
<description><![CDATA[<p>Words words words words words words words words words words.</p><p><img src="${base}/photo.png" alt="photo"></p>]]></description></item>
</channel></rss>`);
    },
    // Down on the first run (no retries configured), up on the second.
    "/photo.png": sequence([status(503), serveText(PNG, "image/png")]),
  });
});
afterAll(async () => server.close());

describe("pending images", () => {
  it("keeps a failed image hot-linked, then mirrors it on a later run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nm-img-"));
    try {
      writeFileSync(join(dir, "subs.json"), JSON.stringify([{ site: "Photos", url: `${server.url}/feed.xml`, full_text: "never" }]));
      const fetcher = createFetcher({ limits: { retries: 0 }, env: {} });
      const first = await runMirror({ dir, fetcher });
      expect(first.ok && first.value.sources[0]?.written).toBe(1);
      const [name] = readdirSync(join(dir, "_posts"));
      const post = (): string => readFileSync(join(dir, "_posts", name as string), "utf8");
      expect(post()).toContain(`src="${server.url}/photo.png"`);
      expect(first.ok && first.value.sources[0]?.warnings.join("\n")).toMatch(/photo\.png.*tried again next run/);

      const second = await runMirror({ dir, fetcher });
      await fetcher.close();
      expect(second.ok && second.value.sources[0]?.written).toBe(0);
      const local = /src="\/assets\/img\/([0-9a-f]+\.png)"/.exec(post());
      expect(local).not.toBeNull();
      expect(readFileSync(join(dir, "assets/img", local?.[1] as string))).toEqual(PNG);
      const state = JSON.parse(readFileSync(join(dir, ".newsmirror/state.json"), "utf8")) as { sources: Record<string, { pendingImages?: unknown[] }> };
      expect(Object.values(state.sources)[0]?.pendingImages).toEqual([]);
      expect(existsSync(join(dir, "_posts", name as string))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
