// Tests of fsync.ts: files and folders made durable by path, and which failures count.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { syncDirectory, syncFile } from "../../src/archive/fsync.js";
import { useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();

describe("syncFile", () => {
  it.each([
    ["an existing file is synced", (dir: string) => {
      writeFileSync(join(dir, "a.md"), "text");
      return join(dir, "a.md");
    }],
    ["a file already gone is nothing to sync (a staged copy released meanwhile)", (dir: string) => join(dir, "gone.md")],
  ])("%s", async (_reason, make) => {
    expect(await syncFile(make(tempDir()))).toEqual({ ok: true, value: undefined });
  });

  it("fails with archive.io naming the path when it cannot be opened", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "x");
    const path = join(dir, "file", "below.md");
    const synced = await syncFile(path);
    expect(synced.ok ? null : { code: synced.failure.code, file: synced.failure.file }).toEqual({ code: "archive.io", file: path });
  });
});

describe("syncDirectory", () => {
  it.each([
    ["an existing folder", (dir: string) => {
      mkdirSync(join(dir, "_posts"));
      return join(dir, "_posts");
    }],
    ["a missing folder is ignored, as on platforms that cannot fsync folders", (dir: string) => join(dir, "missing")],
  ])("%s resolves without throwing", async (_reason, make) => {
    await expect(syncDirectory(make(tempDir()))).resolves.toBeUndefined();
  });
});
