import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openArchive } from "../../src/archive/index.js";
import { item, useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();

describe("openArchive with lock: false", () => {
  it("knows links and guids of the ledger, creates nothing, and refuses to write or save", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "allurls.dat"), "https://a.example/1\n");
    writeFileSync(join(dir, "allguids.dat"), "g-2\n");
    const opened = await openArchive(dir, { lock: false });
    if (!opened.ok) throw new Error(opened.failure.message);
    const archive = opened.value;
    expect(archive.isKnown("https://a.example/1#x", null)).toBe(true);
    expect(archive.isKnown("https://a.example/2", "g-2")).toBe(true);
    expect(archive.isKnown("https://a.example/3", null)).toBe(false);
    expect((await archive.write(item(3))).ok).toBe(false);
    expect((await archive.saveState()).ok).toBe(false);
    await archive.close();
    expect(existsSync(join(dir, "_posts"))).toBe(false);
    expect(existsSync(join(dir, ".newsmirror"))).toBe(false);
  });

  it("reports an unreadable state file without moving it (only the lock holder does)", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, ".newsmirror"));
    writeFileSync(join(dir, ".newsmirror", "state.json"), "{ cut");
    const opened = await openArchive(dir, { lock: false });
    expect(opened.ok && opened.value.warnings[0]).toContain("could not be read");
    expect(existsSync(join(dir, ".newsmirror", "state.json"))).toBe(true);
  });
});
