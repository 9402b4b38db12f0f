import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppendFile } from "../../src/archive/line-file.js";
import { hashText, PostIndex, recordLine, titleHash } from "../../src/archive/post-index.js";
import { useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();

async function indexAt(path: string): Promise<PostIndex> {
  const file = await AppendFile.open(path);
  if (!file.ok) throw new Error(file.failure.message);
  const index = new PostIndex(path, file.value);
  await index.load();
  return index;
}

const A1 = { k: "https://a.example/1", g: "g1", f: "2024-01-01-A.md", t: 'A "quoted"', h: "00000000" };
const A2 = { k: "https://a.example/1", g: null, f: null, t: "A2", h: "11111111" };

describe("PostIndex", () => {
  it("keeps the last title of a key, finds keys by guid, and skips a line cut by a crash", async () => {
    const path = join(tempDir(), "index.jsonl");
    writeFileSync(path, [recordLine(A1), recordLine(A2), '{"k":"https://a.example/2","th":12'].join("\n"));
    const index = await indexAt(path);
    expect(index.titleHashOf("https://a.example/1", null)).toBe(titleHash("A2"));
    expect(index.titleHashOf("https://moved.example/", "g1")).toBe(titleHash("A2"));
    expect(index.titleHashOf("https://a.example/2", null)).toBeNull();
    const last = await index.lastRecord("https://a.example/1", null);
    expect(last.ok && last.value).toEqual({ ...A2, f: "2024-01-01-A.md" });
    const byGuid = await index.lastRecord("https://moved.example/", "g1");
    expect(byGuid.ok && byGuid.value).toEqual(A1);
    await index.close();
  });

  it("adds records as lines that start with key, title hash and guid, and remembers them", async () => {
    const path = join(tempDir(), "index.jsonl");
    const index = await indexAt(path);
    await index.add(A1);
    await index.close();
    const line = readFileSync(path, "utf8").trim();
    expect(line.startsWith(`{"k":"https://a.example/1","th":${titleHash(A1.t)},"g":"g1",`)).toBe(true);
    expect(JSON.parse(line)).toMatchObject(A1);
    expect(index.titleHashOf(A1.k, null)).toBe(titleHash(A1.t));
  });

  it.each([
    ["the same text hashes the same", "abc", "abc", true],
    ["one character differs", "abc", "abd", false],
    ["Chinese text", "王毅", "王毅", true],
  ])("hashText and titleHash: %s", (_reason, a, b, same) => {
    expect(hashText(a) === hashText(b)).toBe(same);
    expect(titleHash(a) === titleHash(b)).toBe(same);
    expect(hashText(a)).toMatch(/^[0-9a-f]{8}$/);
    expect(Number.isSafeInteger(titleHash(a)) && titleHash(a) < 2 ** 30).toBe(true);
  });
});
