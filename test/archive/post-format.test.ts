import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { readFileSync } from "node:fs";
import { formatPost, parsePost, type PostInput } from "../../src/archive/index.js";
import { sharedPath } from "../support/paths.js";
import { cleanTitle, frontMatterTitle, postDate } from "../../src/archive/post-format.js";
import { toWellFormed } from "../../src/archive/text-clean.js";
import { GOLDEN_FILE_NAME, goldenExpected, goldenInput } from "./golden-item.js";

const RUN = new Date("2024-05-01T12:00:00.000Z");

function input(overrides: Partial<PostInput> = {}): PostInput {
  return {
    title: "Title",
    link: "https://news.example/a/1",
    guid: null,
    author: "Author",
    site: "Site",
    published: new Date("2024-04-30T08:00:00.000Z"),
    html: "<p>x</p>",
    runTime: RUN,
    ...overrides,
  };
}

/** The front matter as YAML 1.2 reads it (the `yaml` package) or as YAML 1.1 does (Jekyll's Psych). */
function frontMatter(text: string, version: "1.1" | "1.2" = "1.2"): Record<string, unknown> {
  const end = text.indexOf("\n---\n", 4);
  return parseYaml(text.slice(4, end), { version }) as Record<string, unknown>;
}

function line(text: string, prefix: string): string | undefined {
  return text.split("\n").find((l) => l.startsWith(prefix));
}

describe("formatPost", () => {
  it("writes the golden post byte for byte, with its file name (golden/README.md)", () => {
    const post = formatPost(goldenInput());
    const expected = goldenExpected();
    const firstDiff = [...post.text].findIndex((char, i) => char !== [...expected][i]);
    expect(firstDiff === -1 && post.text.length === expected.length ? "same" : `differs at char ${firstDiff}`).toBe("same");
    expect(post.fileName).toBe(GOLDEN_FILE_NAME);
  });

  it.each([
    ["a double quote becomes \\\" as the original wrote it", 'say "hi"', 'title: "say \\"hi\\""'],
    ["only the first ... is removed (String.replace with a string)", "a...b...c", 'title: "ab...c"'],
    ["a backslash is escaped so YAML reads it back", "C:\\new", 'title: "C:\\\\new"'],
    ["control characters (newline, tab, C1) are deleted", "a\nb\tc\u0085d", 'title: "abcd"'],
    ["U+2028 is escaped, not written raw", "a\u2028b", 'title: "a\\u2028b"'],
  ])("title: %s", (_reason, title, expected) => {
    expect(line(formatPost(input({ title })).text, "title:")).toBe(expected);
  });

  it.each([
    ["missing time -> run time", null, RUN.toISOString(), RUN.getTime()],
    ["invalid time -> run time, never NaN", new Date("garbage"), RUN.toISOString(), RUN.getTime()],
    ["future time -> clamped to run time, comment keeps the feed's own time", new Date("2030-01-01T00:00:00Z"), RUN.toISOString(), Date.parse("2030-01-01T00:00:00Z")],
    ["past time kept", new Date("2020-02-03T04:05:06.789Z"), "2020-02-03T04:05:06.789Z", Date.parse("2020-02-03T04:05:06.789Z")],
    ["year outside 1..9999 -> run time (toISOString would write +010000)", new Date(-62198755200000 - 86400000), RUN.toISOString(), RUN.getTime()],
  ])("date: %s", (_reason, published, date, epoch) => {
    const text = formatPost(input({ published })).text;
    expect(line(text, "date:")).toBe(`date: ${date}`);
    expect(text).toContain(`\n---\n<!--${epoch}-->\n`);
    expect(text).not.toContain("NaN");
  });

  it.each([
    ["a site with `,` is quoted inside the flow list", "A, B", 'tags: [ "A, B" ]'],
    ["a site with brackets is quoted", "[x]", 'tags: [ "[x]" ]'],
    ["an empty site is an empty string, not an empty list", "", 'tags: [ "" ]'],
    ["an ordinary site stays plain", "BBC 中文", "tags: [ BBC 中文 ]"],
  ])("site: %s", (_reason, site, expected) => {
    const text = formatPost(input({ site })).text;
    expect(line(text, "tags:")).toBe(expected);
    expect(frontMatter(text).categories).toEqual([site]);
  });

  it.each([
    ["`: ` would start a mapping", "Name: Surname", 'author: "Name: Surname"'],
    ["leading & would be an anchor", "&co", 'author: "&co"'],
    ["leading * would be an alias", "*star", 'author: "*star"'],
    ["`True` would be a boolean", "True", 'author: "True"'],
    ["a number would be a number", "1984", 'author: "1984"'],
    ["` #` would start a comment", "a #b", 'author: "a #b"'],
    ["a newline is escaped", "a\nb", 'author: "a\\u000ab"'],
    ["an ordinary name stays plain", "(臺)中央社CNA", "author: (臺)中央社CNA"],
  ])("author: %s", (_reason, author, expected) => {
    const text = formatPost(input({ author })).text;
    expect(line(text, "author:")).toBe(expected);
    expect(frontMatter(text).author).toBe(author);
  });

  it("omits `comments: True` when comments is false (older format)", () => {
    expect(formatPost(input({ comments: false })).text).not.toContain("comments:");
    expect(formatPost(input()).text).toContain("\ncomments: True\n");
  });

  it("puts the HTML on one line without control characters, trimmed", () => {
    const text = formatPost(input({ html: "  \n<p>a</p>\r\n\t<p>b</p>\n " })).text;
    expect(text.endsWith("<div>\n<p>a</p><p>b</p>\n</div>\n")).toBe(true);
  });

  it("writes `<` of a title as &lt; in the link line so a title cannot open a tag", () => {
    expect(formatPost(input({ title: "a <script> b" })).text).toContain("\n[a &lt;script> b](https://news.example/a/1)\n");
  });

  it("never throws on an invalid run time", () => {
    expect(() => formatPost(input({ runTime: new Date(NaN), published: null }))).not.toThrow();
  });
});

describe("formatPost front matter reads back as YAML (fast-check)", () => {
  const anyText = fc.string({ unit: "binary", maxLength: 60 });
  const tricky = fc.oneof(
    anyText,
    fc.constantFrom("\\", ": ", "[", "&", "*", ",", "\n", "#", "'", '"', "- ", "? ", "|", ">", "!", "%", "@", "`", "{", "}", "]", "...", "---", "~", "null", "yes", "0x1f", "1e3", "2024-01-01"),
  );
  const field = fc.array(tricky, { maxLength: 6 }).map((parts) => parts.join(""));
  // Lone surrogate halves cannot be written as UTF-8; they come back as U+FFFD, as any encoder makes them.
  const wellFormed = toWellFormed;

  it("title, author and site come back the same for any input, in YAML 1.2 and 1.1", () => {
    fc.assert(
      fc.property(field, field, field, (title, author, site) => {
        const text = formatPost(input({ title, author, site })).text;
        for (const version of ["1.2", "1.1"] as const) {
          const parsed = frontMatter(text, version);
          expect(parsed.title).toBe(frontMatterTitle(cleanTitle(title)));
          expect(parsed.author).toBe(wellFormed(author));
          expect(parsed.tags).toEqual([wellFormed(site)]);
          expect(parsed.categories).toEqual([wellFormed(site)]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("the link comes back as its href for any web URL", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const parsed = frontMatter(formatPost(input({ link: url })).text);
        expect(parsed.from).toBe(new URL(url).href);
      }),
      { numRuns: 300 },
    );
  });
});

describe("formatPost reproduces the original writer's posts", () => {
  it("writes the clean golden post byte for byte from its cleaned HTML (the writer adds nothing of its own)", () => {
    const clean = readFileSync(sharedPath("golden/cna-2023-12-07.clean.expected.md"), "utf8");
    const html = clean.slice(clean.indexOf("<div>\n") + 6, clean.lastIndexOf("\n</div>"));
    expect(formatPost({ ...goldenInput(), html }).text).toBe(clean);
  });

  it("re-formats the corpus posts of the original writer to the same bytes, except where that writer's output differs for known reasons", () => {
    const rows = readFileSync(sharedPath("corpus/MANIFEST.tsv"), "utf8").trim().split("\n").slice(1).map((row) => row.split("\t"));
    let same = 0;
    const reasons = new Map<string, number>();
    for (const row of rows) {
      // Other generators' posts and <!--NaN--> posts cannot be reproduced (and NaN is never written again).
      if (row[5] === "other-generator" || row[7] === "NaN") continue;
      const name = (row[2] as string).split("/").pop() as string;
      const text = readFileSync(sharedPath(`corpus/posts/${name}`), "utf8");
      const post = parsePost(text, name);
      if (!post.ok) throw new Error(post.failure.message);
      const v = post.value;
      const title = frontMatterTitle(v.linkTitle) === v.title ? v.linkTitle : v.title;
      const out = formatPost({ title, link: v.from, guid: null, author: v.author, site: v.site, published: v.epoch === null ? null : new Date(v.epoch), html: v.html, runTime: v.date, comments: v.comments });
      if (out.text === text) {
        same += 1;
        continue;
      }
      const ours = out.text.split("\n");
      const theirs = text.split("\n");
      const line = ours.findIndex((l, i) => l !== theirs[i]);
      const reason = /^from: /.test(theirs[line] ?? "") && new URL(theirs[line]?.slice(6) ?? "").href === ours[line]?.slice(6)
        ? "an old link not yet percent-encoded"
        : /^(tags|categories): \[  /.test(theirs[line] ?? "") ? "a site name with a leading space"
        : (theirs[line] ?? "").replace(/\u00a0/g, " ") === ours[line] ? "a no-break space in the link line only (the title line has a space)"
        : `other: ${name} line ${line}`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    expect(same).toBeGreaterThanOrEqual(2350);
    const unexplained = [...reasons.keys()].filter((reason) => reason.startsWith("other"));
    expect(unexplained).toEqual([]);
  });
});

describe("postDate", () => {
  it("is the run time exactly at the boundary only when the feed time is later", () => {
    expect(postDate(new Date(RUN.getTime()), RUN).getTime()).toBe(RUN.getTime());
    expect(postDate(new Date(RUN.getTime() + 1), RUN)).toBe(RUN);
  });
});
