import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatPost, openArchive, parsePost } from "../../src/archive/index.js";
import { closeParts, openLocked } from "../../src/archive/archive.js";
import { PostStore } from "../../src/archive/post-store.js";
import { placePost } from "../../src/archive/post-write.js";
import { item, useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();
const CHILD = fileURLToPath(new URL("./fixtures/write-items.ts", import.meta.url));
const TOTAL = 150;

/** Runs the writer child and SIGKILLs it once it has reported `killAfter` items (plus a random few ms). */
function runAndKill(dir: string, from: number, to: number, killAfter: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, dir, String(from), String(to)], { stdio: ["ignore", "pipe", "inherit"] });
    let reported = 0;
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (/^\d+$/.test(line)) reported += 1;
      if (reported >= killAfter && child.exitCode === null) setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 4));
    });
    child.on("error", reject);
    child.on("exit", () => resolve(reported));
  });
}

describe("crash at any point, then rerun", () => {
  it("SIGKILLed runs followed by a full rerun leave every item exactly once", async () => {
    const dir = tempDir();
    for (const killAfter of [9, 60, 110]) await runAndKill(dir, 1, TOTAL, killAfter);
    const opened = await openArchive(dir);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const kinds = new Map<string, number>();
    for (let n = 1; n <= TOTAL; n++) {
      const result = await opened.value.write(item(n));
      const kind = result.ok ? result.value.kind : result.failure.code;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    await opened.value.close();

    const names = readdirSync(join(dir, "_posts"));
    const links = names.map((name) => {
      const post = parsePost(readFileSync(join(dir, "_posts", name), "utf8"), name);
      return post.ok ? post.value.from : `unreadable ${name}`;
    });
    const expected = Array.from({ length: TOTAL }, (_, i) => `https://news.example/a/${i + 1}`).sort();
    expect([...links].sort()).toEqual(expected);
    const ledger = readFileSync(join(dir, "allurls.dat"), "utf8").split("\n").filter(Boolean);
    expect([...ledger].sort()).toEqual(expected);
    expect(readdirSync(join(dir, ".newsmirror", "incoming"))).toEqual([]);
    expect((kinds.get("seen") ?? 0) + (kinds.get("written") ?? 0)).toBe(TOTAL);
    expect(kinds.get("seen")).toBeGreaterThan(0);
  }, 60_000);
});

describe("recovery of what a killed run left in .newsmirror/incoming", () => {
  it.each([
    ["staged and linked, ledger line missing: the line is added, the post not doubled", true],
    ["staged only: the post is linked and recorded", false],
  ])("%s", async (_reason, linked) => {
    const dir = tempDir();
    const store = new PostStore(dir, join(dir, ".newsmirror"));
    await store.ensureFolders();
    const { fileName, text } = formatPost(item(5, { guid: "g-5" }));
    const staged = await store.stage(text, "g-5");
    if (!staged.ok) throw new Error(staged.failure.message);
    if (linked) await store.place(staged.value, fileName);
    writeFileSync(join(dir, ".newsmirror", "incoming", "cut.tmp"), "half a po");

    const opened = await openArchive(dir);
    if (!opened.ok) throw new Error(opened.failure.message);
    expect(opened.value.isKnown("https://news.example/a/5", null)).toBe(true);
    expect(opened.value.isKnown("https://elsewhere.example/", "g-5")).toBe(true);
    const again = await opened.value.write(item(5, { guid: "g-5" }));
    await opened.value.close();
    expect(again.ok && again.value.kind).toBe("seen");
    expect(readdirSync(join(dir, "_posts"))).toEqual([fileName]);
    expect(readFileSync(join(dir, "allurls.dat"), "utf8")).toBe("https://news.example/a/5\n");
    expect(readdirSync(join(dir, ".newsmirror", "incoming"))).toEqual([]);
  });
});

describe("two runs at once", () => {
  it("the second process gets archive.locked while the first holds the mirror", async () => {
    const dir = tempDir();
    const first = spawn(process.execPath, ["--import", "tsx", CHILD, dir, "1", "2", "20000"], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => {
      first.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("2\n")) resolve();
      });
    });
    const second = spawn(process.execPath, ["--import", "tsx", CHILD, dir, "3", "4"], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    second.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => second.on("exit", resolve));
    expect(output.trim()).toBe("archive.locked");
    expect(code).toBe(3);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.on("exit", resolve));
    // The killed holder's lock is stale (its pid is gone): the next run proceeds.
    const next = await openArchive(dir);
    expect(next.ok).toBe(true);
    if (next.ok) await next.value.close();
  }, 30_000);
});

describe("placePost", () => {
  it("tells of a file placed in _posts/ even when recording it fails after", async () => {
    const dir = tempDir();
    const locked = await openLocked(dir, () => item(1).runTime);
    if (!locked.ok) throw new Error(locked.failure.message);
    const { parts, lock } = locked.value;
    try {
      parts.index.add = () => Promise.resolve({ ok: false, failure: { code: "archive.io", message: "the disk is full" } });
      const placed: string[] = [];
      const result = await placePost(parts, item(1), [], undefined, (fileName) => placed.push(fileName));
      expect(result.ok).toBe(false);
      expect(placed).toEqual(["2024-04-02-Item 1.md"]);
      expect(readdirSync(join(dir, "_posts"))).toEqual(placed);
    } finally {
      await closeParts(parts);
      await lock.release();
    }
  });
});
