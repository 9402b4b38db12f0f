// Tests of the `sources` command: list, add, remove, import, export; output and exit codes.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import command from "../../../src/cli/commands/sources.js";
import { EXIT, type Io } from "../../../src/cli/io.js";
import { initMirror } from "../../../src/sources/index.js";
import { sharedPath } from "../../support/paths.js";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "newsmirror-cli-sources-"));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function captureIo(cwd: string): Io & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: () => out.join(""),
    err: () => err.join(""),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    isTTY: false,
    env: {},
    cwd,
  };
}

async function run(cwd: string, ...args: string[]) {
  const io = captureIo(cwd);
  const code = await command.run(args, io);
  return { code, out: io.out(), err: io.err() };
}

async function initialised(): Promise<string> {
  const dir = await tempDir();
  await initMirror(dir);
  return dir;
}

describe("newsmirror sources list", () => {
  it("prints a table of the sources", async () => {
    const dir = await initialised();
    const { code, out } = await run(dir, "list");
    expect(code).toBe(EXIT.ok);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^site +url +enabled +options$/);
    expect(lines).toHaveLength(16);
    expect(lines[9]).toMatch(/^\(臺\)中央社CNA +https:\/\/feedx\.net\/rss\/cna\.xml +yes$/);
  });

  it("prints JSON with --json, from --dir", async () => {
    const dir = await initialised();
    const { code, out } = await run(await tempDir(), "list", "--json", "--dir", dir);
    expect(code).toBe(EXIT.ok);
    const parsed = JSON.parse(out) as { sources: Array<{ site: string; fullText: string }> };
    expect(parsed.sources).toHaveLength(15);
    expect(parsed.sources[0]).toMatchObject({ site: "路透", fullText: "auto" });
  });

  it("lists the real teahouse subs.json (58 feeds)", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "subs.json"), await readFile(sharedPath("corpus/subs/NodeBE4+teahouse@2b27736b5c30.subs.json")));
    const { code, out } = await run(dir, "list");
    expect(code).toBe(EXIT.ok);
    expect(out.trimEnd().split("\n")).toHaveLength(59);
  });

  it("exits 1 with file and line when the config is broken", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "subs.json"), '[\n  {"site": "A"}\n]');
    const { code, err } = await run(dir, "list");
    expect(code).toBe(EXIT.failed);
    expect(err).toContain("subs.json line 2: `url` is missing");
    expect(err).toContain("[sources.invalid]");
  });
});

describe("newsmirror sources add and remove", () => {
  it("adds a source with options, then removes it", async () => {
    const dir = await initialised();
    const added = await run(dir, "add", "--site", "大纪元", "--url", "https://www.epochtimes.com/gb/nsc413.xml", "--clean", "false", "--remove", "div.ad", "--remove", ".promo");
    expect(added).toEqual({ code: EXIT.ok, out: "added 大纪元: https://www.epochtimes.com/gb/nsc413.xml\n", err: "" });
    const listed = await run(dir, "list");
    expect(listed.out).toMatch(/大纪元 +https:\/\/www\.epochtimes\.com\/gb\/nsc413\.xml +yes +clean=false remove=div\.ad,\.promo\n$/);
    expect(await run(dir, "remove", "大纪元")).toEqual({ code: EXIT.ok, out: "removed 1 source\n", err: "" });
    expect(JSON.parse(await readFile(join(dir, "subs.json"), "utf8"))).toHaveLength(15);
  });

  it("exits 1 when the URL is already a source", async () => {
    const dir = await initialised();
    const { code, err } = await run(dir, "add", "--site", "X", "--url", "https://rsshub.app/bbc/chinese");
    expect(code).toBe(EXIT.failed);
    expect(err).toContain("already a source (BBC, subs.json line 14)");
  });

  it("exits 1 when nothing matches the one to remove", async () => {
    const dir = await initialised();
    const { code, err } = await run(dir, "remove", "https://nowhere.example/");
    expect(code).toBe(EXIT.failed);
    expect(err).toContain("no source has the url or site name");
  });

  it.each([
    ["no subcommand", [], "which one"],
    ["an unknown subcommand", ["show"], 'unknown subcommand "show"'],
    ["add without --url", ["add", "--site", "A"], "add needs --site NAME and --url URL"],
    ["add with an unknown option", ["add", "--site", "A", "--url", "https://a/", "--colour", "red"], "unknown option --colour"],
    ["add with a bad option value", ["add", "--site", "A", "--url", "https://a/", "--full-text", "sometimes"], "--full-text on the command line must be always, auto or never"],
    ["add with --site twice", ["add", "--site", "A", "--site", "B", "--url", "https://a/"], "--site given 2 times"],
    ["remove without a target", ["remove"], "remove needs one URL or site name"],
    ["list with an argument", ["list", "extra"], "unexpected argument extra"],
    ["--json with a value", ["list", "--json=yes"], "--json takes no value"],
    ["import without a file", ["import"], "import needs one OPML file"],
  ])("prints the usage and one line for %s, exit 2", async (_, args, words) => {
    const dir = await initialised();
    const { code, err } = await run(dir, ...args);
    expect(code).toBe(EXIT.usage);
    expect(err.startsWith(command.usage)).toBe(true);
    expect(err.trimEnd().split("\n").at(-1)).toContain(words);
  });
});

describe("newsmirror sources import and export", () => {
  it("exports OPML 2.0 that imports into another mirror, all known the second time", async () => {
    const from = await initialised();
    const exported = await run(from, "export", "--title", "waimei");
    expect(exported.code).toBe(EXIT.ok);
    expect(exported.out).toContain('<opml version="2.0">');
    expect(exported.out).toContain("<title>waimei</title>");
    const to = await tempDir();
    await writeFile(join(to, "subs.json"), JSON.stringify([{ site: "BBC", url: "https://rsshub.app/bbc/chinese" }], undefined, 4));
    await writeFile(join(to, "feeds.opml"), exported.out);
    expect(await run(to, "import", "feeds.opml")).toEqual({ code: EXIT.ok, out: "added 14 sources from feeds.opml; skipped 1 already known\n", err: "" });
    expect(await run(to, "import", "feeds.opml")).toEqual({ code: EXIT.ok, out: "added 0 sources from feeds.opml; skipped 15 already known\n", err: "" });
  });

  it("exits 1 when the OPML file is missing or not OPML", async () => {
    const dir = await initialised();
    expect((await run(dir, "import", "nope.opml")).err).toContain("cannot read");
    await writeFile(join(dir, "feed.xml"), "<rss><channel/></rss>");
    const notOpml = await run(dir, "import", "feed.xml");
    expect(notOpml.code).toBe(EXIT.failed);
    expect(notOpml.err).toContain("is not an OPML file");
  });

  it("exits 1 outside a mirror with the advice to run init", async () => {
    const { code, err } = await run(await tempDir(), "export");
    expect(code).toBe(EXIT.failed);
    expect(err).toContain("[sources.missing]");
  });
});
