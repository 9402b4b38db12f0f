import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openArchive } from "../../../src/archive/index.js";
import command from "../../../src/cli/commands/import.js";
import { EXIT } from "../../../src/cli/io.js";
import { captureIo } from "./archive-commands-io.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function oldMirror(): string {
  const root = mkdtempSync(join(tmpdir(), "newsmirror-import-"));
  dirs.push(root);
  const old = join(root, "old");
  mkdirSync(join(old, "_posts"), { recursive: true });
  writeFileSync(
    join(old, "_posts", "2024-01-01-T.md"),
    `---\nlayout: post\ntitle: "T"\ndate: 2024-01-01T00:00:00.000Z\nauthor: A\nfrom: https://a.example/1\ntags: [ A ]\ncategories: [ A ]\n---\n<!--1704067200000-->\n[T](https://a.example/1)\n------\n\n<div>\nx\n</div>\n`,
  );
  writeFileSync(join(old, "allurls.dat"), "https://a.example/1\nhttps://a.example/0\n");
  return root;
}

describe("newsmirror import", () => {
  it("imports OLD_DIR into --dir and reports the counts", async () => {
    const root = oldMirror();
    const io = captureIo(root);
    expect(await command.run(["old", "--dir", "new"], io)).toBe(EXIT.ok);
    expect(io.out()).toContain("imported 1 posts and 2 new links");
    expect(readdirSync(join(root, "new", "_posts"))).toEqual(["2024-01-01-T.md"]);
    expect(readFileSync(join(root, "new", "allurls.dat"), "utf8")).toBe("https://a.example/1\nhttps://a.example/0\n");
  });

  it.each([
    ["OLD_DIR missing", [], "OLD_DIR is missing"],
    ["two folders", ["a", "b"], "give one OLD_DIR"],
    ["an unknown flag", ["old", "--force"], "unknown flag --force"],
    ["--dir without a value", ["old", "--dir"], "--dir needs a value"],
  ])("prints usage and exits 2 for %s", async (_reason, args, message) => {
    const io = captureIo(oldMirror());
    expect(await command.run(args, io)).toBe(EXIT.usage);
    expect(io.err()).toContain("usage: newsmirror import");
    expect(io.err()).toContain(message);
  });

  it("exits with EXIT.locked while a run holds the target", async () => {
    const root = oldMirror();
    const held = await openArchive(join(root, "new"));
    if (!held.ok) throw new Error(held.failure.message);
    const io = captureIo(root);
    expect(await command.run(["old", "--dir", "new"], io)).toBe(EXIT.locked);
    expect(io.err()).toContain("archive.locked");
    await held.value.close();
  });
});
