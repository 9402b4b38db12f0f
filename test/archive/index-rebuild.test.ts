// Tests src/archive/index-rebuild.ts through opening a mirror: an index keyed under older link keys is rebuilt.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openArchive, reindex } from "../../src/archive/index.js";
import { hashText, INDEX_HEADER, recordLine } from "../../src/archive/post-index.js";
import { item, RUN_TIME, useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();
const WRITER = fileURLToPath(new URL("./fixtures/write-items.ts", import.meta.url));

/** Runs the writer child for item `n` (with a guid) and SIGKILLs it once the item is written, before any checkpoint. */
function writeAndKill(dir: string, n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WRITER, dir, String(n), String(n), "60000"], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, GUIDS: "1" } });
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().split("\n").includes(String(n))) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", () => resolve());
  });
}
/** A link whose Google Ads `gbraid` the link keys ignore from index version 2 on. */
const TRACKED = "https://news.example/a/2?gbraid=0AAAAAD";

async function openMirror(dir: string) {
  const archive = await openArchive(dir, { clock: () => RUN_TIME });
  if (!archive.ok) throw new Error(archive.failure.message);
  return archive.value;
}

/** The index as an older newsmirror left it: no header line, and item 2 keyed with its `gbraid`. */
function writeOldIndex(dir: string): void {
  const lines = [
    recordLine({ k: "https://news.example/a/1", g: null, f: "2024-04-02-Item 1.md", t: "Item 1", h: hashText("<p>text 1</p>") }),
    recordLine({ k: TRACKED, g: "guid-2", f: "2024-04-03-Item 2.md", t: "Item 2", h: hashText("<p>text 2</p>") }),
  ];
  writeFileSync(join(dir, ".newsmirror", "index.jsonl"), `${lines.join("\n")}\n`);
}

describe("opening a mirror", () => {
  it("starts a new index with the line that says how its links are keyed", async () => {
    const dir = tempDir();
    const archive = await openMirror(dir);
    await archive.write(item(1));
    await archive.close();
    const lines = readFileSync(join(dir, ".newsmirror", "index.jsonl"), "utf8").split("\n");
    expect(lines[0]).toBe(INDEX_HEADER);
    expect(lines[1]).toMatch(/^\{"k":"https:\/\/news.example\/a\/1"/);
  });

  it("rebuilds an index keyed the old way, so a headline edit of a post with a tracked link is still a revision", async () => {
    const dir = tempDir();
    const first = await openMirror(dir);
    await first.write(item(1));
    await first.write(item(2, { link: TRACKED, guid: "guid-2" }));
    await first.close();
    writeOldIndex(dir);

    const archive = await openMirror(dir);
    expect(archive.warnings).toEqual([expect.stringMatching(/post index .*index\.jsonl was keyed by an older newsmirror and has been rebuilt from the 2 posts/)]);
    const lines = readFileSync(join(dir, ".newsmirror", "index.jsonl"), "utf8").split("\n").filter(Boolean);
    expect(lines[0]).toBe(INDEX_HEADER);
    // Keyed as links are keyed now, the guid kept from the old index.
    expect(lines.slice(1).map((line) => JSON.parse(line) as { k: string; g: string | null })).toEqual([
      expect.objectContaining({ k: "https://news.example/a/1", g: null }),
      expect.objectContaining({ k: "https://news.example/a/2", g: "guid-2" }),
    ]);
    expect(await archive.isUnchanged(TRACKED, "guid-2", "Item 2")).toBe(true);
    const revised = await archive.write(item(2, { link: TRACKED, guid: "guid-2", title: "Item 2 edited" }));
    await archive.close();
    expect(revised.ok && revised.value).toEqual({ kind: "revised", fileName: "2024-04-03-Item 2.md" });
  });

  it("finishes the posts a killed run left staged before it rebuilds, so they keep their guid", async () => {
    const dir = tempDir();
    const first = await openMirror(dir);
    await first.write(item(1));
    await first.close();
    await writeAndKill(dir, 3);
    writeOldIndex(dir);
    const archive = await openMirror(dir);
    expect(archive.warnings).toEqual([expect.stringMatching(/rebuilt from the 2 posts/)]);
    // Known by its guid under a new link: not written twice.
    const moved = await archive.write(item(3, { guid: "urn:guid-3", link: "https://news.example/moved/3" }));
    await archive.close();
    expect(moved.ok && moved.value.kind).not.toBe("written");
    expect(readFileSync(join(dir, "allguids.dat"), "utf8")).toBe("urn:guid-3\n");
  });

  it("lists a post file it cannot read and opens the mirror all the same", async () => {
    const dir = tempDir();
    const first = await openMirror(dir);
    await first.write(item(1));
    await first.close();
    mkdirSync(join(dir, "_posts", "2020-01-01-a folder.md"));
    writeOldIndex(dir);
    const archive = await openMirror(dir);
    await archive.close();
    expect(archive.warnings).toEqual([expect.stringMatching(/rebuilt from the 1 posts in _posts\/; 1 could not be read \(first: 2020-01-01-a folder\.md: /)]);
  });

  it("leaves an index that is keyed as today as it is", async () => {
    const dir = tempDir();
    const first = await openMirror(dir);
    await first.write(item(1));
    await first.close();
    const before = readFileSync(join(dir, ".newsmirror", "index.jsonl"), "utf8");
    const archive = await openMirror(dir);
    await archive.close();
    expect(archive.warnings).toEqual([]);
    expect(readFileSync(join(dir, ".newsmirror", "index.jsonl"), "utf8")).toBe(before);
  });

  it("reindex writes the header too, and keys the links of a stale index as today", async () => {
    const dir = tempDir();
    const first = await openMirror(dir);
    await first.write(item(2, { link: TRACKED, guid: "guid-2" }));
    await first.close();
    writeOldIndex(dir);
    expect(await reindex(dir)).toEqual({ ok: true, value: { posts: 1, unreadable: [] } });
    const lines = readFileSync(join(dir, ".newsmirror", "index.jsonl"), "utf8").split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(INDEX_HEADER);
    expect(JSON.parse(lines[1]!)).toEqual(expect.objectContaining({ k: "https://news.example/a/2", g: "guid-2", f: "2024-04-03-Item 2.md" }));
  });
});
