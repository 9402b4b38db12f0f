import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openArchive, parsePost, type Archive } from "../../src/archive/index.js";
import { closeParts, openLocked } from "../../src/archive/archive.js";
import { item, RUN_TIME, useTempDirs } from "./temp-mirror.js";

const tempDir = useTempDirs();

async function open(dir: string): Promise<Archive> {
  const opened = await openArchive(dir, { clock: () => RUN_TIME });
  if (!opened.ok) throw new Error(opened.failure.message);
  return opened.value;
}

function posts(dir: string): string[] {
  return readdirSync(join(dir, "_posts")).filter((name) => name.endsWith(".md")).sort();
}

function ledgerLines(dir: string): string[] {
  return readFileSync(join(dir, "allurls.dat"), "utf8").split("\n").filter(Boolean);
}

describe("openArchive and write", () => {
  it("creates _posts/ and allurls.dat, writes a post and appends its href", async () => {
    const dir = tempDir();
    const archive = await open(dir);
    const written = await archive.write(item(1));
    expect(written).toEqual({ ok: true, value: { kind: "written", fileName: "2024-04-02-Item 1.md" } });
    await archive.close();
    expect(posts(dir)).toEqual(["2024-04-02-Item 1.md"]);
    expect(ledgerLines(dir)).toEqual(["https://news.example/a/1"]);
    expect(readdirSync(join(dir, ".newsmirror", "incoming"))).toEqual([]);
    expect(existsSync(join(dir, ".newsmirror", "lock"))).toBe(false);
  });

  it("says seen for the same link again, also in a later run, and with tracking parameters added", async () => {
    const dir = tempDir();
    let archive = await open(dir);
    await archive.write(item(1));
    expect((await archive.write(item(1))).ok && "seen").toBe("seen");
    await archive.close();
    archive = await open(dir);
    expect(archive.isKnown("https://news.example/a/1?utm_source=rss#top", null)).toBe(true);
    const again = await archive.write(item(1, { link: "https://news.example/a/1?utm_source=rss" }));
    expect(again.ok && again.value.kind).toBe("seen");
    await archive.close();
    expect(posts(dir)).toHaveLength(1);
  });

  it("writes one post when the same item is written twice at the same time", async () => {
    const dir = tempDir();
    const archive = await open(dir);
    const results = await Promise.all([archive.write(item(1)), archive.write(item(1)), archive.write(item(2))]);
    await archive.close();
    expect(results.map((r) => (r.ok ? r.value.kind : r.failure.code))).toEqual(["written", "seen", "written"]);
    expect(posts(dir)).toHaveLength(2);
  });

  it("matches the ledger per line, never by substring (the original's bug)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "allurls.dat"), "https://news.example/a/12\n");
    const archive = await open(dir);
    expect(archive.isKnown("https://news.example/a/1", null)).toBe(false);
    const written = await archive.write(item(1));
    expect(written.ok && written.value.kind).toBe("written");
    await archive.close();
  });

  it("knows an item by its guid when its link changed", async () => {
    const dir = tempDir();
    let archive = await open(dir);
    await archive.write(item(1, { guid: "cna-1" }));
    await archive.close();
    expect(readFileSync(join(dir, "allguids.dat"), "utf8")).toBe("cna-1\n");
    archive = await open(dir);
    expect(archive.isKnown("https://news.example/moved/1", "cna-1")).toBe(true);
    const again = await archive.write(item(1, { guid: "cna-1", link: "https://news.example/moved/1" }));
    expect(again.ok && again.value.kind).toBe("seen");
    await archive.close();
    expect(posts(dir)).toHaveLength(1);
  });

  it("lists the post files it created or rewrote since it was opened, and no seen or revised one", async () => {
    const dir = tempDir();
    let archive = await open(dir);
    await archive.write(item(1));
    await archive.close();
    archive = await open(dir);
    expect(archive.postFiles).toEqual({ created: [], rewritten: [] });
    expect((await archive.write(item(1))).ok).toBe(true);
    expect((await archive.write(item(1, { title: "Item 1 (updated)" }))).ok).toBe(true);
    expect((await archive.write(item(2))).ok).toBe(true);
    expect(await archive.rewriteBody("2024-04-02-Item 1.md", (html) => `${html}<p>more</p>`)).toEqual({ ok: true, value: true });
    expect(await archive.rewriteBody("2024-04-02-Item 1.md", (html) => `${html}<p>again</p>`)).toEqual({ ok: true, value: true });
    // Unchanged by its rewrite: not rewritten.
    expect(await archive.rewriteBody("2024-04-03-Item 2.md", (html) => html)).toEqual({ ok: true, value: true });
    await archive.close();
    expect(archive.postFiles).toEqual({ created: ["2024-04-03-Item 2.md"], rewritten: ["2024-04-02-Item 1.md"] });
  });

  it("records a headline edit once as a revision and never writes a second post", async () => {
    const dir = tempDir();
    let archive = await open(dir);
    await archive.write(item(1));
    const revised = await archive.write(item(1, { title: "Item 1 (updated)", html: "<p>new</p>" }));
    expect(revised).toEqual({ ok: true, value: { kind: "revised", fileName: "2024-04-02-Item 1.md" } });
    await archive.close();
    archive = await open(dir);
    const same = await archive.write(item(1, { title: "Item 1 (updated)", html: "<p>new</p>" }));
    expect(same.ok && same.value.kind).toBe("seen");
    await archive.close();
    expect(posts(dir)).toEqual(["2024-04-02-Item 1.md"]);
    const lines = readFileSync(join(dir, "revisions.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { at: RUN_TIME.toISOString(), link: "https://news.example/a/1", fileName: "2024-04-02-Item 1.md", oldTitle: "Item 1", newTitle: "Item 1 (updated)", textChange: true, textSimilarity: expect.any(Number) },
    ]);
    const post = parsePost(readFileSync(join(dir, "_posts", "2024-04-02-Item 1.md"), "utf8"), "x.md");
    expect(post.ok && post.value.title).toBe("Item 1");
  });

  it("records a headline edit of an item known by its guid whose link also changed", async () => {
    const dir = tempDir();
    let archive = await open(dir);
    await archive.write(item(1, { guid: "g-1" }));
    await archive.close();
    archive = await open(dir);
    const revised = await archive.write(item(1, { guid: "g-1", link: "https://news.example/moved/1", title: "Item 1 edited" }));
    await archive.close();
    expect(revised.ok && revised.value).toEqual({ kind: "revised", fileName: "2024-04-02-Item 1.md" });
    expect(posts(dir)).toEqual(["2024-04-02-Item 1.md"]);
  });

  it("gives a different article with the same file name a ` (2)` suffix instead of dropping it", async () => {
    const dir = tempDir();
    const archive = await open(dir);
    const first = await archive.write(item(1, { title: "Same" }));
    const second = await archive.write(item(2, { title: "Same", published: new Date("2024-04-02T09:00:00Z") }));
    await archive.close();
    expect(first.ok && first.value.fileName).toBe("2024-04-02-Same.md");
    expect(second.ok && second.value.fileName).toBe("2024-04-02-Same (2).md");
    expect(ledgerLines(dir)).toEqual(["https://news.example/a/1", "https://news.example/a/2"]);
  });

  it("treats a post already on disk under that name with the same link as seen (ledger lost)", async () => {
    const dir = tempDir();
    let archive = await open(dir);
    await archive.write(item(1));
    await archive.close();
    writeFileSync(join(dir, "allurls.dat"), "");
    archive = await open(dir);
    const again = await archive.write(item(1));
    await archive.close();
    expect(again.ok && again.value).toEqual({ kind: "seen", fileName: "2024-04-02-Item 1.md" });
    expect(posts(dir)).toHaveLength(1);
    expect(ledgerLines(dir)).toEqual(["https://news.example/a/1"]);
  });

  it("continues an old script's mirror with zero duplicates", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "_posts"));
    writeFileSync(join(dir, "allurls.dat"), "https://news.example/a/1\nhttps://news.example/a/2\n");
    writeFileSync(join(dir, "_posts", "2024-04-02-Item 1.md"), "old post");
    const archive = await open(dir);
    const outcomes = [];
    for (const n of [1, 2, 3]) {
      const result = await archive.write(item(n));
      outcomes.push(result.ok ? result.value.kind : result.failure.code);
    }
    await archive.close();
    expect(outcomes).toEqual(["seen", "seen", "written"]);
    expect(posts(dir)).toEqual(["2024-04-02-Item 1.md", "2024-04-04-Item 3.md"]);
  });

  it("adds a newline to a ledger whose last line was cut before appending", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "allurls.dat"), "https://news.example/a/9");
    const archive = await open(dir);
    await archive.write(item(1));
    await archive.close();
    expect(ledgerLines(dir)).toEqual(["https://news.example/a/9", "https://news.example/a/1"]);
  });

  it.each([
    ["a javascript: link", "javascript:alert(1)"],
    ["a relative link", "/news/1"],
    ["no link at all", ""],
  ])("refuses %s with archive.bad-link and writes nothing", async (_reason, link) => {
    const dir = tempDir();
    const archive = await open(dir);
    const result = await archive.write(item(1, { link }));
    await archive.close();
    expect(result.ok ? "ok" : result.failure.code).toBe("archive.bad-link");
    expect(posts(dir)).toEqual([]);
  });

  it("saves and reloads the source state atomically", async () => {
    const dir = tempDir();
    let archive = await open(dir);
    expect(archive.state).toEqual({ sources: {} });
    archive.state.sources["https://news.example/feed"] = {
      site: "Site", validators: { etag: '"e1"', lastModified: null }, lastAttempt: "2024-05-01T12:00:00.000Z", lastSuccess: "2024-05-01T12:00:00.000Z",
      lastError: null, consecutiveFailures: 0, itemsLastTime: 3, newLastTime: 1, nextRetry: null, permanentRedirect: null,
    };
    expect((await archive.saveState()).ok).toBe(true);
    await archive.close();
    archive = await open(dir);
    expect(archive.state.sources["https://news.example/feed"]?.validators.etag).toBe('"e1"');
    await archive.close();
  });
});

describe("write with hostile input (fast-check)", () => {
  it("returns a value or a failure, never throws, and every written post reads back", async () => {
    const dir = tempDir();
    const archive = await open(dir);
    const text = fc.string({ unit: "binary", maxLength: 80 });
    const date = fc.oneof(fc.constant(null), fc.date({ noInvalidDate: false }));
    const link = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), text);
    await fc.assert(
      fc.asyncProperty(text, link, fc.option(text), text, text, date, text, async (title, url, guid, author, site, published, html) => {
        const result = await archive.write({ title, link: url, guid, author, site, published, html, runTime: RUN_TIME });
        if (result.ok && result.value.kind === "written") {
          const name = result.value.fileName as string;
          const post = parsePost(readFileSync(join(dir, "_posts", name), "utf8"), name);
          expect(post.ok).toBe(true);
        } else if (!result.ok) {
          expect(result.failure.code).toMatch(/^archive\./);
        }
      }),
      { numRuns: 150 },
    );
    await archive.close();
  });
});

describe("the lock", () => {
  it("makes a second open of the same mirror fail with archive.locked naming the holder", async () => {
    const dir = tempDir();
    const opened = await openArchive(dir);
    if (!opened.ok) throw new Error(opened.failure.message);
    const first = opened.value;
    const second = await openArchive(dir);
    expect(second.ok).toBe(false);
    if (!second.ok) {
      expect(second.failure.code).toBe("archive.locked");
      expect(second.failure.message).toContain(`process ${process.pid}`);
    }
    await first.close();
    const third = await openArchive(dir);
    expect(third.ok).toBe(true);
    if (third.ok) await third.value.close();
  });

  it("opens read-only without the lock while a run holds it; writing then fails", async () => {
    const dir = tempDir();
    const earlier = await open(dir);
    await earlier.write(item(1));
    await earlier.close();
    const first = await open(dir);
    const reader = await openArchive(dir, { lock: false });
    expect(reader.ok).toBe(true);
    if (reader.ok) {
      expect(reader.value.isKnown("https://news.example/a/1", null)).toBe(true);
      const write = await reader.value.write(item(2));
      expect(write.ok).toBe(false);
      await reader.value.close();
    }
    await first.close();
  });
});

describe("openLocked", () => {
  it("holds the lock with the parts open until they are closed and the lock released", async () => {
    const dir = tempDir();
    const locked = await openLocked(dir, () => RUN_TIME);
    if (!locked.ok) throw new Error(locked.failure.message);
    expect(existsSync(join(dir, ".newsmirror", "lock"))).toBe(true);
    const second = await openArchive(dir, { clock: () => RUN_TIME });
    expect(second.ok ? null : second.failure.code).toBe("archive.locked");
    await closeParts(locked.value.parts);
    await locked.value.lock.release();
    expect(existsSync(join(dir, ".newsmirror", "lock"))).toBe(false);
  });

  it.each([
    ["_posts/ cannot be created (a file of that name)", (dir: string) => writeFileSync(join(dir, "_posts"), "")],
    ["the ledger cannot be opened (a folder of that name)", (dir: string) => mkdirSync(join(dir, "allurls.dat"))],
  ])("fails and leaves the mirror unlocked when %s", async (_reason, spoil) => {
    const dir = tempDir();
    spoil(dir);
    const locked = await openLocked(dir, () => RUN_TIME);
    expect(locked.ok ? null : locked.failure.code).toBe("archive.io");
    expect(existsSync(join(dir, ".newsmirror", "lock"))).toBe(false);
  });
});
