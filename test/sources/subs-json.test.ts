// Tests of subs-json.ts: the five real subs.json files, problems with lines, writing back.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSubsJson, readSubsJson, readSubsJsonEntries } from "../../src/sources/subs-json.js";
import { sharedPath } from "../support/paths.js";

const SUBS_DIR = sharedPath("corpus/subs/");
const corpusFiles = readdirSync(SUBS_DIR).filter((name) => name.endsWith(".subs.json")).sort();

describe("readSubsJson on the five real subs.json files", () => {
  it("finds five files", () => {
    expect(corpusFiles).toHaveLength(5);
  });

  it.each(corpusFiles)("%s loads every entry as JSON.parse sees it", (name) => {
    const text = readFileSync(SUBS_DIR + name, "utf8");
    const reading = readSubsJson(text, name);
    expect(reading.problems).toEqual([]);
    const plain = JSON.parse(text) as Array<{ site: string; url: string }>;
    expect(reading.sources.map(({ site, url }) => ({ site, url }))).toEqual(plain);
    // The original script's layout: each entry's "{" sits on line 2 + 4 * index.
    expect(reading.sources.map((source) => source.line)).toEqual(plain.map((_, index) => 2 + 4 * index));
  });

  it.each(corpusFiles)("%s is written back byte for byte", (name) => {
    const text = readFileSync(SUBS_DIR + name, "utf8");
    expect(formatSubsJson(readSubsJsonEntries(text) ?? [], text.endsWith("\n"))).toBe(text);
  });
});

describe("readSubsJson problems", () => {
  const fourteenth = Array.from({ length: 3 }, (_, i) => `    {\n        "site": "S${i}",\n        "url": "https://x/${i}"\n    },\n`).join("");
  it.each([
    ["broken JSON names the line", '[\n    {\n        "site": "A"\n        "url": "https://x/"\n    }\n]', 4, "not valid JSON at column 9"],
    ["url missing names the entry's line (STYLE rule 9)", `[\n${fourteenth}    {\n        "site": "BBC"\n    }\n]`, 14, "`url` is missing"],
    ["not an array", '{"site": "A", "url": "https://x/"}', 1, "must be a JSON array"],
    ["unknown key names its own line", '[\n  {\n    "site": "A",\n    "url": "https://x/",\n    "ful_text": "auto"\n  }\n]', 5, "did you mean `full_text`?"],
  ])("%s", (_, text, line, words) => {
    const reading = readSubsJson(text, "subs.json");
    expect(reading.problems[0]?.line).toBe(line);
    expect(reading.problems[0]?.message).toContain(words);
  });

  it("reports every bad entry, not only the first", () => {
    const reading = readSubsJson('[\n{"site": "A"},\n{"site": "B"}\n]', "subs.json");
    expect(reading.problems.map((problem) => problem.line)).toEqual([2, 3]);
  });
});

describe("formatSubsJson", () => {
  it("writes 4-space JSON like JSON.stringify(x, undefined, 4), keeping extra keys", () => {
    const entries = [{ site: "A", url: "https://x/", clean: false }];
    expect(formatSubsJson(entries, false)).toBe(JSON.stringify(entries, undefined, 4));
    expect(formatSubsJson(entries, true)).toBe(`${JSON.stringify(entries, undefined, 4)}\n`);
  });
});

describe("readSubsJson on random input", () => {
  it("returns sources or problems for any JSON value, never throws", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const reading = readSubsJson(JSON.stringify(value, undefined, 4), "subs.json");
        expect(reading.sources.length + reading.problems.length).toBeGreaterThanOrEqual(0);
        for (const problem of reading.problems) expect(problem.line).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
