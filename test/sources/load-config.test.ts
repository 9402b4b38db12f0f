// Tests of load-config.ts: both files read from a real folder, merged and checked.
import { readdirSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_FETCH_SETTINGS, DEFAULT_SOURCE_OPTIONS, loadMirrorConfig } from "../../src/sources/index.js";
import { sharedPath } from "../support/paths.js";

const dirs: string[] = [];
async function mirrorWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "newsmirror-load-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const subs = (...entries: object[]): string => JSON.stringify(entries, undefined, 4);

describe("loadMirrorConfig", () => {
  it.each(readdirSync(sharedPath("corpus/subs/")))("loads the real %s as the only config file", async (name) => {
    const text = await readFile(sharedPath(`corpus/subs/${name}`), "utf8");
    const dir = await mirrorWith({ "subs.json": text });
    const config = await loadMirrorConfig(dir);
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    expect(config.value.sources.map(({ site, url }) => ({ site, url }))).toEqual(JSON.parse(text));
    expect(config.value.sources.every((source) => source.clean && source.enabled && source.fullText === "auto")).toBe(true);
    expect(config.value.fetch).toEqual(DEFAULT_FETCH_SETTINGS);
    expect(config.value.files).toEqual([join(dir, "subs.json")]);
  });

  it("fails with sources.missing when the folder has neither file", async () => {
    const dir = await mirrorWith({});
    const config = await loadMirrorConfig(dir);
    expect(config.ok ? null : config.failure.code).toBe("sources.missing");
    expect(config.ok ? "" : config.failure.message).toContain("newsmirror init");
  });

  it("fails with sources.unreadable when subs.json is a folder", async () => {
    const dir = await mirrorWith({});
    await mkdir(join(dir, "subs.json"));
    const config = await loadMirrorConfig(dir);
    expect(config.ok ? null : config.failure.code).toBe("sources.unreadable");
  });

  it("names file and line in the failure (STYLE rule 9)", async () => {
    const dir = await mirrorWith({ "subs.json": '[\n    {\n        "site": "BBC"\n    }\n]' });
    const config = await loadMirrorConfig(dir);
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.failure).toMatchObject({ code: "sources.invalid", file: join(dir, "subs.json"), line: 2 });
    expect(config.failure.message).toBe("subs.json line 2: `url` is missing in the entry for BBC; each entry needs `site` and `url`");
  });

  it("reports the same URL twice in one file naming both lines", async () => {
    const dir = await mirrorWith({ "subs.json": subs({ site: "A", url: "https://x/feed" }, { site: "B", url: "HTTPS://X/feed" }) });
    const config = await loadMirrorConfig(dir);
    expect(config.ok ? "" : config.failure.message).toBe("subs.json line 6: HTTPS://X/feed is listed twice, at lines 2 and 6; remove one");
  });

  it("reports problems of both files together, sorted by file and line", async () => {
    const dir = await mirrorWith({ "subs.json": '[{"site": "A"}]', "newsmirror.yml": "fetch:\n  retries: -1\n" });
    const config = await loadMirrorConfig(dir);
    expect(config.ok ? [] : config.failure.message.split("\n")).toEqual([
      "newsmirror.yml line 2: `fetch.retries` must be a whole number of retries, 0 or more; it is the number -1",
      "subs.json line 1: `url` is missing in the entry for A; each entry needs `site` and `url`",
    ]);
  });

  it("applies built-in defaults, then yml defaults, then the subs.json entry, then the yml entry", async () => {
    const dir = await mirrorWith({
      "subs.json": subs(
        { site: "CNA", url: "https://feedx.net/rss/cna.xml", full_text: "never", images: "hotlink" },
        { site: "BBC", url: "https://rsshub.app/bbc/chinese" },
      ),
      "newsmirror.yml": [
        "defaults: { clean: false, full_text: always }",
        "fetch: { concurrency: 2 }",
        "sources:",
        "  - { url: 'https://feedx.net/rss/cna.xml', images: mirror, remove: [div.SubscriptionInner] }",
        "  - { site: VOA, url: 'https://feedx.net/rss/mgzy1.xml', enabled: false }",
      ].join("\n"),
    });
    const config = await loadMirrorConfig(dir);
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    const [cna, bbc, voa] = config.value.sources;
    expect(config.value.sources).toHaveLength(3);
    expect(cna).toMatchObject({ site: "CNA", clean: false, fullText: "never", images: "mirror", remove: ["div.SubscriptionInner"] });
    expect(cna?.origin).toEqual({ file: join(dir, "subs.json"), line: 2 });
    expect(bbc).toMatchObject({ site: "BBC", clean: false, fullText: "always", images: "mirror", remove: [] });
    expect(voa).toMatchObject({ site: "VOA", enabled: false, origin: { file: join(dir, "newsmirror.yml"), line: 5 } });
    expect(config.value.defaults).toEqual({ ...DEFAULT_SOURCE_OPTIONS, clean: false, fullText: "always" });
    expect(config.value.fetch).toEqual({ ...DEFAULT_FETCH_SETTINGS, concurrency: 2 });
  });

  it("lets a newsmirror.yml entry rename a subs.json source", async () => {
    const dir = await mirrorWith({
      "subs.json": subs({ site: "CNA", url: "https://feedx.net/rss/cna.xml" }),
      "newsmirror.yml": "sources:\n  - { site: (臺)中央社CNA, url: 'https://feedx.net/rss/cna.xml' }\n",
    });
    const config = await loadMirrorConfig(dir);
    expect(config.ok && config.value.sources.map((source) => source.site)).toEqual(["(臺)中央社CNA"]);
  });

  it("refuses a site-less newsmirror.yml entry whose url is in no subs.json", async () => {
    const dir = await mirrorWith({ "newsmirror.yml": "sources:\n  - url: https://x/\n    clean: false\n" });
    const config = await loadMirrorConfig(dir);
    expect(config.ok ? "" : config.failure.message).toContain("newsmirror.yml line 2: `site` is missing in the entry for https://x/");
  });

  it("gives each source its own arrays, so changing one changes no other", async () => {
    const dir = await mirrorWith({ "subs.json": subs({ site: "A", url: "https://a/" }, { site: "B", url: "https://b/" }) });
    const config = await loadMirrorConfig(dir);
    if (!config.ok) throw new Error(config.failure.message);
    config.value.sources[0]?.remove.push("p");
    expect(config.value.sources[1]?.remove).toEqual([]);
    expect(DEFAULT_SOURCE_OPTIONS.remove).toEqual([]);
  });

  it("loads a mirror that has only newsmirror.yml", async () => {
    const dir = await mirrorWith({ "newsmirror.yml": "sources:\n  - { site: A, url: 'https://a/' }\n" });
    const config = await loadMirrorConfig(dir);
    expect(config.ok && config.value.sources.map((source) => source.url)).toEqual(["https://a/"]);
  });

  it("caps a long list of problems", async () => {
    const dir = await mirrorWith({ "subs.json": JSON.stringify(Array.from({ length: 30 }, () => ({ site: "A" }))) });
    const config = await loadMirrorConfig(dir);
    const lines = config.ok ? [] : config.failure.message.split("\n");
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe("... and 10 more problems");
  });
});
