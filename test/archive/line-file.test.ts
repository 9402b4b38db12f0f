import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppendFile, readLines } from "../../src/archive/line-file.js";
import { useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();

async function lines(path: string): Promise<string[]> {
  const out: string[] = [];
  const read = await readLines(path, (line) => out.push(line));
  if (!read.ok) throw new Error(read.failure.message);
  return out;
}

describe("readLines", () => {
  it.each([
    ["LF ends", "a\nb\n", ["a", "b"]],
    ["CRLF ends", "a\r\nb\r\n", ["a", "b"]],
    ["no end on the last line", "a\nb", ["a", "b"]],
    ["multi-byte characters", "中文\n😀\n", ["中文", "😀"]],
  ])("%s", async (_reason, text, expected) => {
    const path = join(tempDir(), "f");
    writeFileSync(path, text);
    expect(await lines(path)).toEqual(expected);
  });

  it("reads a missing file as no lines", async () => {
    expect(await lines(join(tempDir(), "missing"))).toEqual([]);
  });

  it("reads lines split across 1 MB chunks whole", async () => {
    const path = join(tempDir(), "big");
    const many = Array.from({ length: 30_000 }, (_, i) => `https://a.example/${"x".repeat(i % 50)}/${i}`);
    writeFileSync(path, `${many.join("\n")}\n`);
    expect(await lines(path)).toEqual(many);
  });
});

describe("AppendFile", () => {
  it("appends lines after a cut last line, never rewriting the file", async () => {
    const path = join(tempDir(), "f");
    writeFileSync(path, "old\ncut");
    const file = await AppendFile.open(path);
    if (!file.ok) throw new Error(file.failure.message);
    await file.value.append(["a", "b"]);
    await file.value.close();
    expect(readFileSync(path, "utf8")).toBe("old\ncut\na\nb\n");
  });
});

describe("a full disk", () => {
  it.runIf(process.platform === "linux")("an append to /dev/full fails with archive.disk-full, not a throw", async () => {
    const file = await AppendFile.open("/dev/full");
    if (!file.ok) throw new Error(file.failure.message);
    const appended = await file.value.append(["https://a.example/1"]);
    await file.value.close();
    expect(appended.ok ? "ok" : appended.failure.code).toBe("archive.disk-full");
    expect(appended.ok ? "" : appended.failure.message).toContain("free some space");
  });
});
