import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openArchive, reindex } from "../../src/archive/index.js";
import { item, RUN_TIME, useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();

async function writeItems(dir: string, numbers: number[]): Promise<void> {
  const archive = await openArchive(dir, { clock: () => RUN_TIME });
  if (!archive.ok) throw new Error(archive.failure.message);
  for (const n of numbers) await archive.value.write(item(n));
  await archive.value.close();
}

describe("reindex", () => {
  it("rebuilds the index and the ledger from _posts/ after .newsmirror/ and allurls.dat are deleted", async () => {
    const dir = tempDir();
    await writeItems(dir, [1, 2, 3]);
    rmSync(join(dir, ".newsmirror"), { recursive: true });
    writeFileSync(join(dir, "allurls.dat"), "https://kept.example/old\n");
    const result = await reindex(dir);
    expect(result).toEqual({ ok: true, value: { posts: 3, unreadable: [] } });
    expect(readFileSync(join(dir, "allurls.dat"), "utf8").split("\n").filter(Boolean).sort()).toEqual(
      ["https://kept.example/old", "https://news.example/a/1", "https://news.example/a/2", "https://news.example/a/3"],
    );
    // The rebuilt index lets the next run notice a headline edit.
    const archive = await openArchive(dir, { clock: () => RUN_TIME });
    if (!archive.ok) throw new Error(archive.failure.message);
    const revised = await archive.value.write(item(2, { title: "Item 2 edited" }));
    const seen = await archive.value.write(item(3));
    await archive.value.close();
    expect(revised.ok && revised.value).toEqual({ kind: "revised", fileName: "2024-04-03-Item 2.md" });
    expect(seen.ok && seen.value.kind).toBe("seen");
  });

  it("lists posts it cannot read, naming file and field, and indexes the rest", async () => {
    const dir = tempDir();
    await writeItems(dir, [1]);
    writeFileSync(join(dir, "_posts", "2024-01-01-broken.md"), "---\ntitle: x\n---\n");
    const result = await reindex(dir);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.posts).toBe(1);
    expect(result.value.unreadable).toHaveLength(1);
    expect(result.value.unreadable[0]?.fileName).toBe("2024-01-01-broken.md");
    expect(result.value.unreadable[0]?.message).toMatch(/2024-01-01-broken\.md: date/);
  });

  it("fails with archive.locked while a run holds the mirror", async () => {
    const dir = tempDir();
    const archive = await openArchive(dir);
    if (!archive.ok) throw new Error(archive.failure.message);
    const result = await reindex(dir);
    expect(result.ok ? "ok" : result.failure.code).toBe("archive.locked");
    await archive.value.close();
  });
});
