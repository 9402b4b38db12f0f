import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPost, parsePost, parsePostBytes, type PostInput } from "../../src/archive/index.js";
import { cleanTitle, frontMatterTitle } from "../../src/archive/post-format.js";
import { sharedPath } from "../support/paths.js";
import { GOLDEN_FILE_NAME, goldenExpected, goldenInput } from "./golden-item.js";

const CORPUS = sharedPath("corpus/posts/");

/** shared/corpus/MANIFEST.tsv: file name -> format, date, epoch NaN flag, link. */
function manifest(): Map<string, { format: string; date: string; nan: boolean; from: string }> {
  const rows = readFileSync(sharedPath("corpus/MANIFEST.tsv"), "utf8").trim().split("\n").slice(1);
  const out = new Map<string, { format: string; date: string; nan: boolean; from: string }>();
  for (const row of rows) {
    const [, , path, , , format, date, nan, from] = row.split("\t");
    out.set((path as string).split("/").pop() as string, { format: format as string, date: date as string, nan: nan === "NaN", from: from as string });
  }
  return out;
}

describe("parsePost on the corpus (2,470 real posts of old mirrors)", () => {
  const names = readdirSync(CORPUS).filter((name) => name.endsWith(".md"));
  const expected = manifest();

  it("reads every post, with the date, link and epoch the manifest lists", () => {
    expect(names.length).toBe(2470);
    const problems: string[] = [];
    const formats = new Map<string, number>();
    for (const name of names) {
      const post = parsePost(readFileSync(CORPUS + name, "utf8"), name);
      const row = expected.get(name);
      if (!post.ok) {
        problems.push(post.failure.message);
        continue;
      }
      formats.set(row?.format ?? "?", (formats.get(row?.format ?? "?") ?? 0) + 1);
      if (row === undefined) continue;
      if (post.value.from !== row.from) problems.push(`${name}: from ${post.value.from} != ${row.from}`);
      if (row.date !== "" && post.value.date.toISOString() !== new Date(row.date).toISOString()) problems.push(`${name}: date`);
      if (row.nan && post.value.epoch !== null) problems.push(`${name}: <!--NaN--> should read as null`);
      if (row.format === "seed" && !post.value.comments) problems.push(`${name}: golden format has comments: True`);
      if (row.format === "pre-comments" && post.value.comments) problems.push(`${name}: older format has no comments line`);
      if (post.value.site === "") problems.push(`${name}: site empty`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(Object.fromEntries(formats)).toEqual({ seed: 862, "pre-comments": 1578, "other-generator": 30 });
  });

  it("reads titles with the old writer's `\\\"` back as quotes", () => {
    const name = names.find((n) => n.startsWith("2021-01-05-赖小民判死"));
    expect(name).toBeDefined();
    const post = parsePost(readFileSync(CORPUS + (name as string), "utf8"), name as string);
    expect(post.ok && post.value.title).toBe('赖小民判死 邓恢林双开   中共"老虎“打不完');
  });
});

describe("parsePost of what formatPost writes", () => {
  it("reads the golden post back field by field", () => {
    const post = parsePost(goldenExpected(), GOLDEN_FILE_NAME);
    expect(post.ok).toBe(true);
    if (!post.ok) return;
    const input = goldenInput();
    expect(post.value).toMatchObject({
      fileName: GOLDEN_FILE_NAME,
      title: input.title,
      author: "(臺)中央社CNA",
      from: input.link,
      site: "(臺)中央社CNA",
      tags: ["(臺)中央社CNA"],
      categories: ["(臺)中央社CNA"],
      comments: true,
      epoch: 1701915180000,
      linkTitle: input.title,
      layout: "post",
    });
    expect(post.value.date.toISOString()).toBe("2023-12-07T02:13:00.000Z");
    expect(post.value.html.startsWith("<p>（中央社記者邱國強北京7日電）")).toBe(true);
  });

  it("round-trips any title, author, site and link (fast-check)", () => {
    const text = fc.string({ unit: "binary", maxLength: 40 });
    fc.assert(
      fc.property(text, text, text, fc.webUrl({ withQueryParameters: true }), fc.boolean(), (title, author, site, link, comments) => {
        const input: PostInput = { title, author, site, link, guid: null, published: new Date("2022-02-02T02:02:02Z"), html: "<p>x</p>", runTime: new Date("2024-01-01T00:00:00Z"), comments };
        const written = formatPost(input);
        const post = parsePost(written.text, written.fileName);
        expect(post.ok).toBe(true);
        if (!post.ok) return;
        const fix = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
        expect(post.value.title).toBe(frontMatterTitle(cleanTitle(title)));
        expect(post.value.author).toBe(fix(author));
        expect(post.value.site).toBe(fix(site));
        expect(post.value.from).toBe(new URL(link).href);
        expect(post.value.comments).toBe(comments);
        expect(post.value.linkTitle).toBe(cleanTitle(title).trim());
        expect(post.value.html).toBe("<p>x</p>");
      }),
      { numRuns: 300 },
    );
  });
});

describe("parsePost failures name the file and the field", () => {
  it.each([
    ["no front matter", "hello", "front matter"],
    ["front matter never closed", "---\ntitle: x\n", "front matter"],
    ["date missing", "---\ntitle: x\n---\nbody", "date"],
    ["date unreadable", "---\ntitle: x\ndate: someday\n---\nbody", "date"],
  ])("%s", (_reason, text, field) => {
    const post = parsePost(text, "bad.md");
    expect(post.ok).toBe(false);
    if (post.ok) return;
    expect(post.failure.code).toBe("archive.bad-post");
    expect(post.failure.message).toContain("bad.md");
    expect(post.failure.message).toContain(field);
  });

  it("never throws on hostile text (fast-check)", () => {
    const piece = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom("---\n", "date: 2020-01-01\n", "tags: [", "\"\\u", "<!--NaN-->\n", "[a](b)\n------\n", "<div>\n", "\n</div>\n", "{{", "key:\n  - a\n"));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const result = parsePost(pieces.join(""), "x.md");
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parsePostBytes reads what parsePost reads, leaving the HTML as bytes", () => {
  /** Both readings of `bytes`, the HTML as base64 (a deep comparison of large Buffers is slow). */
  function both(bytes: Buffer, name: string): [unknown, unknown] {
    const text = parsePost(bytes.toString("utf8"), name);
    const read = parsePostBytes(bytes, name);
    const shown = (result: typeof read): unknown => (result?.ok ? { post: result.value.post, html: result.value.html.toString("base64") } : result);
    if (!text.ok) return [shown(read), text];
    const { html, ...post } = text.value;
    return [shown(read), { post, html: Buffer.from(html).toString("base64") }];
  }

  it("on every corpus post, and with CRLF line ends and a byte order mark", () => {
    const names = readdirSync(CORPUS).filter((name) => name.endsWith(".md"));
    for (const [i, name] of names.entries()) {
      const bytes = readFileSync(CORPUS + name);
      const [read, text] = both(bytes, name);
      expect(read).toEqual(text);
      if (i % 10 !== 0) continue;
      const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bytes.toString("utf8").replace(/\r?\n/g, "\r\n"))]);
      const [readCrlf, textCrlf] = both(crlf, name);
      expect(readCrlf).toEqual(textCrlf);
    }
  });

  it("on any text, failures included (fast-check)", () => {
    // Non-ASCII where the two readings could part: after a fence (NBSP, U+3000 are whitespace to trimEnd), in
    // the link line and the `from:` it is matched against (a "](" in it decides where the title ends), in fields
    // and HTML.
    const piece = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 12 }),
      fc.constantFrom("---\n", "---\u00a0\n", "---\u3000\r\n", "\r\n", "\n", "\r", "date: 2020-01-01\n", "from: https://例.tw/新](聞\n", "title: 標題 \u3000\n", "<!--12-->\n", "[標題](https://例.tw/新](聞)\n------\n", "[a](b)\n------\n", "<div>\n", "\n</div>\n", "\ufeff"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const [read, text] = both(Buffer.from(pieces.join("")), "x.md");
        expect(read).toEqual(text);
      }),
      { numRuns: 3000 },
    );
  });

  it("matches the link line against a non-ASCII `from:` with a \"](\" in it", () => {
    const bytes = Buffer.from("---\ndate: 2020-01-01\nfrom: https://例.tw/新](聞\n---\n<!--1-->\n[標題](https://例.tw/新](聞)\n------\n\n<div>\n<p>文</p>\n</div>\n");
    const read = parsePostBytes(bytes, "x.md");
    expect(read?.ok && read.value.post.linkTitle).toBe("標題");
    expect(read?.ok && read.value.html.toString()).toBe("<p>文</p>");
    const [fromBytes, fromText] = both(bytes, "x.md");
    expect(fromBytes).toEqual(fromText);
  });

  it("leaves bytes that are not UTF-8 to parsePost (decoding replaces them)", () => {
    const bytes = Buffer.concat([Buffer.from("---\ndate: 2020-01-01\n---\n<p>"), Buffer.from([0xe4, 0xb8]), Buffer.from("</p>\n")]);
    expect(parsePostBytes(bytes, "x.md")).toBeNull();
  });
});
