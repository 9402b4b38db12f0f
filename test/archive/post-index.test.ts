import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppendFile } from "../../src/archive/line-file.js";
import { fingerprintOf, hashText, PostIndex } from "../../src/archive/post-index.js";
import { useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();

async function indexAt(path: string): Promise<PostIndex> {
  const file = await AppendFile.open(path);
  if (!file.ok) throw new Error(file.failure.message);
  const index = new PostIndex(path, file.value);
  await index.load();
  return index;
}

describe("PostIndex", () => {
  it("keeps the last record of a key, finds keys by guid, and skips a line cut by a crash", async () => {
    const path = join(tempDir(), "index.jsonl");
    writeFileSync(
      path,
      [
        JSON.stringify({ k: "https://a.example/1", g: "g1", f: "2024-01-01-A.md", t: "A", h: "00000000" }),
        JSON.stringify({ k: "https://a.example/1", g: null, f: null, t: "A2", h: "11111111" }),
        '{"k":"https://a.example/2","t":"cut',
      ].join("\n"),
    );
    const index = await indexAt(path);
    expect(index.keyFor("https://a.example/1", null)).toBe("https://a.example/1");
    expect(index.keyFor("https://moved.example/", "g1")).toBe("https://a.example/1");
    expect(index.keyFor("https://a.example/2", null)).toBeNull();
    expect(index.fingerprint("https://a.example/1")).toBe(fingerprintOf("A2", "11111111"));
    const last = await index.lastRecord("https://a.example/1");
    expect(last.ok && last.value).toEqual({ k: "https://a.example/1", g: null, f: "2024-01-01-A.md", t: "A2", h: "11111111" });
    await index.close();
  });

  it.each([
    ["the same text hashes the same", "abc", "abc", true],
    ["one character differs", "abc", "abd", false],
    ["Chinese text", "王毅", "王毅", true],
  ])("hashText: %s", (_reason, a, b, same) => {
    expect(hashText(a) === hashText(b)).toBe(same);
    expect(hashText(a)).toMatch(/^[0-9a-f]{8}$/);
  });
});
