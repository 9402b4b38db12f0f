// The whole ingest on real fixtures over loopback: golden bytes, encodings, failing sources, reruns and 304s.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMirror } from "../../src/ingest/index.js";
import { createFetcher } from "../../src/fetch/index.js";
import { reset, serveFile, startFixtureServer, status, type FixtureServer } from "../support/fixture-server.js";
import { sharedPath } from "../support/paths.js";

const SYNTH = sharedPath("corpus/feeds/synth-encodings/");
const synthCases = readdirSync(SYNTH).filter((f) => f.endsWith(".expected.json")).map((f) => {
  const expected = JSON.parse(readFileSync(SYNTH + f, "utf8")) as { feed: string; http_content_type: string; items: Array<{ title: string; link: string; pubDate: string }> };
  return { name: f.replace(".expected.json", ""), ...expected };
});

/** Retries without waiting: the tests are about outcomes, not about back-off timing. */
const quickFetcher = () => createFetcher({ limits: { retries: 1, backoffBaseMs: 1, totalTimeoutMs: 5_000 }, env: {} });

let server: FixtureServer;
beforeAll(async () => {
  const routes: Parameters<typeof startFixtureServer>[0] = {
    "/cna.xml": serveFile(sharedPath("golden/cna-2023-12-07.feed.xml"), { contentType: "application/rss+xml; charset=utf-8", etag: '"golden-1"' }),
    "/gone.xml": status(404),
    "/reset.xml": reset(),
  };
  for (const c of synthCases) routes[`/synth/${c.feed}`] = serveFile(SYNTH + c.feed, { contentType: c.http_content_type });
  server = await startFixtureServer(routes);
});
afterAll(async () => server.close());

function mirror(subs: Array<Record<string, unknown>>, yml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "nm-run-"));
  writeFileSync(join(dir, "subs.json"), JSON.stringify(subs, undefined, 4));
  if (yml !== undefined) writeFileSync(join(dir, "newsmirror.yml"), yml);
  return dir;
}

const RUN_TIME = new Date("2026-11-27T00:00:00Z");

describe("runMirror", () => {
  it("writes the golden post byte for byte with clean: false, and nothing again on the next run (ETag, 304)", async () => {
    const dir = mirror([{ site: "(臺)中央社CNA", url: `${server.url}/cna.xml`, clean: false }]);
    try {
      const first = await runMirror({ dir, now: () => RUN_TIME, fetcher: quickFetcher() });
      expect(first.ok && first.value.sources[0]?.written).toBe(1);
      const name = "2023-12-07-王毅會緬甸外長談電信詐騙 一同表態堅決打擊.md";
      expect(readFileSync(join(dir, "_posts", name), "utf8")).toBe(readFileSync(sharedPath("golden/cna-2023-12-07.expected.md"), "utf8"));
      expect(readFileSync(join(dir, "allurls.dat"), "utf8")).toBe("https://www.cna.com.tw/news/acn/202312070032.aspx\n");
      const second = await runMirror({ dir, now: () => RUN_TIME, fetcher: quickFetcher() });
      expect(second.ok && second.value.sources[0]?.outcome).toBe("not-modified");
      expect(server.requests.filter((r) => r.path === "/cna.xml").at(-1)?.headers["if-none-match"]).toBe('"golden-1"');
      expect(readdirSync(join(dir, "_posts"))).toEqual([name]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes the clean golden post with cleaning on", async () => {
    const dir = mirror([{ site: "(臺)中央社CNA", url: `${server.url}/cna.xml` }], "defaults:\n  images: hotlink\n  full_text: never\n");
    try {
      const result = await runMirror({ dir, now: () => RUN_TIME, fetcher: quickFetcher() });
      expect(result.ok).toBe(true);
      const name = "2023-12-07-王毅會緬甸外長談電信詐騙 一同表態堅決打擊.md";
      expect(readFileSync(join(dir, "_posts", name), "utf8")).toBe(readFileSync(sharedPath("golden/cna-2023-12-07.clean.expected.md"), "utf8"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads every encoding fixture and keeps failing sources to themselves", async () => {
    const subs = [
      ...synthCases.map((c) => ({ site: `synth ${c.name}`, url: `${server.url}/synth/${c.feed}`, clean: false })),
      { site: "gone", url: `${server.url}/gone.xml` },
      { site: "reset", url: `${server.url}/reset.xml` },
    ];
    const dir = mirror(subs, "defaults:\n  images: hotlink\n  full_text: never\n");
    try {
      const result = await runMirror({ dir, now: () => RUN_TIME, fetcher: quickFetcher() });
      if (!result.ok) throw new Error(result.failure.message);
      const bySite = new Map(result.value.sources.map((s) => [s.site, s]));
      expect(bySite.get("gone")?.failure?.code).toBe("fetch.status");
      expect(bySite.get("reset")?.failure?.code).toBe("fetch.network");
      const ledger = new Set(readFileSync(join(dir, "allurls.dat"), "utf8").split("\n").filter(Boolean));
      const posts = readdirSync(join(dir, "_posts")).map((f) => readFileSync(join(dir, "_posts", f), "utf8"));
      for (const c of synthCases) {
        const report = bySite.get(`synth ${c.name}`);
        expect(report?.failure, c.name).toBeNull();
        for (const item of c.items) {
          expect(ledger.has(new URL(item.link).href), `${c.name}: ${item.link}`).toBe(true);
          expect(posts.some((p) => p.includes(`\n[${item.title.trim()}](`)), `${c.name}: ${item.title}`).toBe(true);
        }
      }
      // Items shared by several fixtures are written once.
      expect(posts.length).toBe(ledger.size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
