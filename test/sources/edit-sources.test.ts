// Tests of edit-sources.ts: add, remove and import on real files, layout kept.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { addSource, importSources, initMirror, loadMirrorConfig, removeSource } from "../../src/sources/index.js";
import { sharedPath } from "../support/paths.js";

const dirs: string[] = [];
async function mirrorWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "newsmirror-edit-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const WAIMEI = sharedPath("corpus/subs/zhouxiang93123+waimei@d3a932aaba0f.subs.json");

describe("addSource", () => {
  it("appends to subs.json in the original script's layout, options as snake_case keys", async () => {
    const original = await readFile(WAIMEI, "utf8");
    const dir = await mirrorWith({ "subs.json": original });
    const added = await addSource(dir, { site: "CNA", url: "https://www.cna.com.tw/rss", clean: false, fullText: "never", remove: ["div.SubscriptionInner"] });
    expect(added).toEqual({ ok: true, value: undefined });
    const entries = [...JSON.parse(original), { site: "CNA", url: "https://www.cna.com.tw/rss", clean: false, full_text: "never", remove: ["div.SubscriptionInner"] }];
    expect(await readFile(join(dir, "subs.json"), "utf8")).toBe(JSON.stringify(entries, undefined, 4));
    const config = await loadMirrorConfig(dir);
    expect(config.ok && config.value.sources.at(-1)).toMatchObject({ site: "CNA", clean: false, fullText: "never" });
  });

  it("appends a one-line flow map to newsmirror.yml when there is no subs.json, keeping comments", async () => {
    const yml = "# my mirror\ndefaults:\n  clean: false # like the old system\n\n# feeds\nsources: []\n";
    const dir = await mirrorWith({ "newsmirror.yml": yml });
    expect((await addSource(dir, { site: "(臺)中央社CNA", url: "https://feedx.net/rss/cna.xml", timezone: "Asia/Taipei" })).ok).toBe(true);
    expect((await addSource(dir, { site: "BBC", url: "https://rsshub.app/bbc/chinese" })).ok).toBe(true);
    expect(await readFile(join(dir, "newsmirror.yml"), "utf8")).toBe(
      "# my mirror\ndefaults:\n  clean: false # like the old system\n\n# feeds\nsources:\n" +
        "  - { site: (臺)中央社CNA, url: https://feedx.net/rss/cna.xml, timezone: Asia/Taipei }\n" +
        "  - { site: BBC, url: https://rsshub.app/bbc/chinese }\n",
    );
    const config = await loadMirrorConfig(dir);
    expect(config.ok && config.value.sources.map((source) => [source.site, source.timezone])).toEqual([
      ["(臺)中央社CNA", "Asia/Taipei"],
      ["BBC", null],
    ]);
  });

  it("creates `sources:` in a newsmirror.yml that has none", async () => {
    const dir = await mirrorWith({ "newsmirror.yml": "fetch:\n  timeout: 10\n" });
    expect((await addSource(dir, { site: "A", url: "https://a/" })).ok).toBe(true);
    expect(await readFile(join(dir, "newsmirror.yml"), "utf8")).toBe("fetch:\n  timeout: 10\nsources:\n  - { site: A, url: https://a/ }\n");
  });

  it("works on a freshly initialised mirror", async () => {
    const dir = await mirrorWith({});
    await initMirror(dir);
    expect((await addSource(dir, { site: "大纪元", url: "https://www.epochtimes.com/gb/nsc413.xml" })).ok).toBe(true);
    const config = await loadMirrorConfig(dir);
    expect(config.ok && config.value.sources).toHaveLength(16);
  });

  it.each([
    ["a known URL, spelled differently", { site: "X", url: "HTTPS://feedx.net/rss/reuters.xml" }, "sources.duplicate", "is already a source (路透, subs.json line 2)"],
    ["a URL that is not http", { site: "X", url: "ftp://x/" }, "sources.invalid", "is not an http:// or https:// URL"],
    ["a bad option", { site: "X", url: "https://x/", timezone: "Nowhere/City" }, "sources.invalid", "is not an IANA time zone"],
    ["an empty site", { site: "", url: "https://x/" }, "sources.invalid", "`site` must be non-empty text"],
  ])("refuses %s and writes nothing", async (_, entry, code, words) => {
    const original = await readFile(WAIMEI, "utf8");
    const dir = await mirrorWith({ "subs.json": original });
    const added = await addSource(dir, entry);
    expect(added.ok ? null : added.failure.code).toBe(code);
    expect(added.ok ? "" : added.failure.message).toContain(words);
    expect(await readFile(join(dir, "subs.json"), "utf8")).toBe(original);
  });

  it("refuses to edit a config that does not load", async () => {
    const dir = await mirrorWith({ "subs.json": "[{]" });
    const added = await addSource(dir, { site: "A", url: "https://a/" });
    expect(added.ok ? null : added.failure.code).toBe("sources.invalid");
    expect(await readFile(join(dir, "subs.json"), "utf8")).toBe("[{]");
  });

  it("fails with sources.missing outside a mirror", async () => {
    const dir = await mirrorWith({});
    const added = await addSource(dir, { site: "A", url: "https://a/" });
    expect(added.ok ? null : added.failure.code).toBe("sources.missing");
  });
});

describe("removeSource", () => {
  it("removes by URL, keeping the file's layout and final newline", async () => {
    const dir = await mirrorWith({ "subs.json": `${JSON.stringify([{ site: "A", url: "https://a/" }, { site: "B", url: "https://b/" }], undefined, 4)}\n` });
    expect(await removeSource(dir, "https://A/")).toEqual({ ok: true, value: { removed: 1 } });
    expect(await readFile(join(dir, "subs.json"), "utf8")).toBe(`${JSON.stringify([{ site: "B", url: "https://b/" }], undefined, 4)}\n`);
  });

  it("removes every feed of a site from both files, with the yml options of those feeds", async () => {
    const dir = await mirrorWith({
      "subs.json": JSON.stringify([{ site: "阳光卫视", url: "https://a/1" }, { site: "阳光卫视", url: "https://a/2" }, { site: "B", url: "https://b/" }], undefined, 4),
      "newsmirror.yml": "# keep me\nsources:\n  - { url: 'https://a/1', clean: false } # option\n  - { site: C, url: 'https://c/' }\n",
    });
    expect(await removeSource(dir, "阳光卫视")).toEqual({ ok: true, value: { removed: 2 } });
    const config = await loadMirrorConfig(dir);
    expect(config.ok && config.value.sources.map((source) => source.site)).toEqual(["B", "C"]);
    expect(await readFile(join(dir, "newsmirror.yml"), "utf8")).toBe("# keep me\nsources:\n  - { site: C, url: 'https://c/' }\n");
  });

  it("removes nothing and writes nothing when no source matches", async () => {
    const text = JSON.stringify([{ site: "A", url: "https://a/" }], undefined, 4);
    const dir = await mirrorWith({ "subs.json": text });
    expect(await removeSource(dir, "Z")).toEqual({ ok: true, value: { removed: 0 } });
    expect(await readFile(join(dir, "subs.json"), "utf8")).toBe(text);
  });
});

describe("importSources", () => {
  it("adds new URLs once and skips known ones", async () => {
    const dir = await mirrorWith({ "subs.json": JSON.stringify([{ site: "A", url: "https://a/" }], undefined, 4) });
    const result = await importSources(dir, [
      { site: "A again", url: "https://A/" },
      { site: "B", url: "https://b/" },
      { site: "B twice", url: "https://b/" },
    ]);
    expect(result).toEqual({ ok: true, value: { added: 1, skipped: 2 } });
    const config = await loadMirrorConfig(dir);
    expect(config.ok && config.value.sources.map((source) => source.site)).toEqual(["A", "B"]);
  });

  it("writes nothing when one entry is invalid", async () => {
    const text = JSON.stringify([{ site: "A", url: "https://a/" }], undefined, 4);
    const dir = await mirrorWith({ "subs.json": text });
    const result = await importSources(dir, [{ site: "B", url: "https://b/" }, { site: "C", url: "mailto:c@d" }]);
    expect(result.ok).toBe(false);
    expect(await readFile(join(dir, "subs.json"), "utf8")).toBe(text);
  });
});
