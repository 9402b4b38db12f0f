import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openArchive } from "../../../src/archive/index.js";
import command from "../../../src/cli/commands/reindex.js";
import { EXIT } from "../../../src/cli/io.js";
import { captureIo } from "./archive-commands-io.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function mirrorWithOnePost(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "newsmirror-reindex-"));
  dirs.push(dir);
  const archive = await openArchive(dir);
  if (!archive.ok) throw new Error(archive.failure.message);
  await archive.value.write({ title: "T", link: "https://a.example/1", guid: null, author: "A", site: "A", published: new Date("2024-01-01T00:00:00Z"), html: "x", runTime: new Date("2024-02-01T00:00:00Z") });
  await archive.value.close();
  return dir;
}

describe("newsmirror reindex", () => {
  it("rebuilds from _posts/ in the current folder and restores the ledger", async () => {
    const dir = await mirrorWithOnePost();
    writeFileSync(join(dir, "allurls.dat"), "");
    const io = captureIo(dir);
    expect(await command.run([], io)).toBe(EXIT.ok);
    expect(io.out()).toContain("reindexed 1 posts");
    expect(readFileSync(join(dir, "allurls.dat"), "utf8")).toBe("https://a.example/1\n");
  });

  it("lists unreadable posts and exits 1", async () => {
    const dir = await mirrorWithOnePost();
    writeFileSync(join(dir, "_posts", "2024-01-02-bad.md"), "no front matter");
    const io = captureIo(dir);
    expect(await command.run(["--dir", dir], io)).toBe(EXIT.failed);
    expect(io.err()).toContain("2024-01-02-bad.md: front matter");
  });

  it.each([
    ["a positional argument", ["extra"], "unexpected argument"],
    ["an unknown flag", ["--all"], "unknown flag --all"],
  ])("prints usage and exits 2 for %s", async (_reason, args, message) => {
    const io = captureIo(tmpdir());
    expect(await command.run(args, io)).toBe(EXIT.usage);
    expect(io.err()).toContain("usage: newsmirror reindex");
    expect(io.err()).toContain(message);
  });
});
