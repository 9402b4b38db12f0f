// Tests src/cli/commands/build.ts: flags, output and exit codes of `newsmirror build`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import command from "../../../src/cli/commands/build.js";
import { EXIT, type Io } from "../../../src/cli/io.js";

const dir = mkdtempSync(join(tmpdir(), "newsmirror-build-cmd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, env: {}, cwd: dir };
}

const POST = `---\nlayout: post\ntitle: "A"\ndate: 2024-01-01T00:00:00.000Z\nauthor: s\nfrom: https://x.example/a\ntags: [ s ]\ncomments: True\ncategories: [ s ]\n---\n<!--1704067200000-->\n[A](https://x.example/a)\n------\n\n<div>\n<p>a</p>\n</div>\n`;

describe("newsmirror build", () => {
  it("builds into --out under --base-url, lists an unreadable post and still exits 0", async () => {
    mkdirSync(join(dir, "m", "_posts"), { recursive: true });
    writeFileSync(join(dir, "m", "_posts", "2024-01-01-a.md"), POST);
    writeFileSync(join(dir, "m", "_posts", "2024-01-02-bad.md"), "nothing\n");
    const capture = io();
    const code = await command.run(["--dir", "m", "--out", "public", "--base-url", "/news"], capture);
    expect(code).toBe(EXIT.ok);
    expect(capture.out.join("")).toMatch(/^site: 1 posts, \d+ pages, \d+ written, 0 removed in [\d.]+ s -> .*public\n$/);
    expect(capture.err.join("")).toMatch(/cannot read post 2024-01-02-bad.md: .*front matter/);
    expect(existsSync(join(dir, "m", "public", "2024-01-01", "a", "index.html"))).toBe(true);
    // Built again: nothing new; with a new post: that post's pages only. The output line says which.
    const again = io();
    await command.run(["--dir", "m", "--out", "public", "--base-url", "/news"], again);
    expect(again.out.join("")).toMatch(/^site: 1 posts, \d+ pages, 0 written, 0 removed in [\d.]+ s \(nothing new\) -> /);
    writeFileSync(join(dir, "m", "_posts", "2024-01-03-b.md"), POST.replace('title: "A"', 'title: "B"').replace("2024-01-01T00:00:00.000Z", "2024-01-03T00:00:00.000Z").replace("<!--1704067200000-->", "<!--1704240000000-->"));
    const more = io();
    await command.run(["--dir", "m", "--out", "public", "--base-url", "/news"], more);
    expect(more.out.join("")).toMatch(/^site: 2 posts, \d+ pages, \d+ written, 0 removed in [\d.]+ s \(new posts only\) -> /);
  });

  it.each([
    ["an unknown flag", ["--nope"], /unknown flag --nope/],
    ["a flag without its value", ["--out"], /--out needs a value/],
    ["a stray argument", ["site"], /unexpected argument "site"/],
  ])("prints usage and exits 2 on %s", async (_reason, args, message) => {
    const capture = io();
    expect(await command.run(args, capture)).toBe(EXIT.usage);
    expect(capture.err.join("")).toMatch(/^usage: newsmirror build/);
    expect(capture.err.join("")).toMatch(message);
  });

  it("exits 1 with the reason when the settings are wrong", async () => {
    mkdirSync(join(dir, "bad"), { recursive: true });
    writeFileSync(join(dir, "bad", "_config.yml"), "permalink: /:year/:bogus/\n");
    const capture = io();
    expect(await command.run(["--dir", "bad"], capture)).toBe(EXIT.failed);
    expect(capture.err.join("")).toMatch(/:bogus, which Jekyll does not know.*\[site.config\]/);
  });
});
