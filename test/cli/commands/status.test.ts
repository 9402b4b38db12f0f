// `newsmirror status`: a failing source is impossible to miss, in text and JSON, and --check says so by exit code.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import type { Io } from "../../../src/cli/io.js";
import { createFetcher } from "../../../src/fetch/index.js";
import { runMirror } from "../../../src/ingest/index.js";
import { serveFile, startFixtureServer, status, type FixtureServer } from "../../support/fixture-server.js";
import { sharedPath } from "../../support/paths.js";

let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  server = await startFixtureServer({
    "/cna.xml": serveFile(sharedPath("golden/cna-2023-12-07.feed.xml"), { contentType: "application/rss+xml", etag: '"1"' }),
    "/blocked.xml": status(403),
  });
  dir = mkdtempSync(join(tmpdir(), "nm-status-"));
  writeFileSync(join(dir, "subs.json"), JSON.stringify([
    { site: "CNA", url: `${server.url}/cna.xml`, clean: false },
    { site: "Blocked", url: `${server.url}/blocked.xml` },
  ]));
  const fetcher = createFetcher({ limits: { retries: 0 }, env: {} });
  for (let i = 0; i < 3; i++) {
    const result = await runMirror({ dir, fetcher, force: true });
    expect(result.ok).toBe(true);
  }
  await fetcher.close();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function capture(): { io: Io; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { io: { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false, env: {}, cwd: dir }, out: () => out, err: () => err };
}

describe("newsmirror status", () => {
  it("lists the failing source first, flagged, with its error, count and what to do", async () => {
    const { io, out } = capture();
    expect(await main(["status"], io)).toBe(0);
    const text = out();
    expect(text.split("\n")[0]).toMatch(/^!! 1 source is FAILING: Blocked/);
    expect(text).toMatch(/!! FAILING Blocked/);
    expect(text).toMatch(/last error \(3 in a row/);
    expect(text).toMatch(/403/);
    expect(text).toMatch(/proxy/);
    expect(text).toMatch(/CNA <.*>\n {3}last success: \d+ min ago; items last time: 1 \(0 new\)/);
    expect(text).toMatch(/validators held: ETag/);
  });

  it("gives the same in JSON", async () => {
    const { io, out } = capture();
    expect(await main(["status", "--json"], io)).toBe(0);
    const parsed = JSON.parse(out()) as { sources: Array<{ site: string; failing: boolean; consecutiveFailures: number; nextRetry: string | null }> };
    const blocked = parsed.sources.find((s) => s.site === "Blocked");
    expect(blocked).toMatchObject({ failing: true, consecutiveFailures: 3 });
    expect(blocked?.nextRetry).not.toBeNull();
    expect(parsed.sources.find((s) => s.site === "CNA")?.failing).toBe(false);
  });

  it("exits 1 with --check when a source is failing", async () => {
    expect(await main(["status", "--check"], capture().io)).toBe(1);
  });

  it("rejects an unknown option with its usage", async () => {
    const { io, err } = capture();
    expect(await main(["status", "--verbose"], io)).toBe(2);
    expect(err()).toMatch(/usage: newsmirror status/);
  });
});
