// Tests of json-reader.ts: JSON with lines, against JSON.parse and hostile input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readJsonWithLines } from "../../src/sources/json-reader.js";
import { toPlainValue } from "../../src/sources/config-node.js";

describe("readJsonWithLines", () => {
  it.each([
    ["an array of objects, as subs.json is", '[\n    {\n        "site": "BBC",\n        "url": "https://x/"\n    }\n]'],
    ["escapes of RFC 8259 section 7", '["\\"\\\\\\/\\b\\f\\n\\r\\t\\u4e2d"]'],
    ["numbers of section 6", "[0, -1, 1.5, 2e3, -0.25E-2]"],
    ["literals", "[true, false, null]"],
    ["empty containers", '{"a": [], "b": {}}'],
    ["CRLF line ends", '[\r\n  1,\r\n  2\r\n]'],
  ])("reads %s like JSON.parse", (_, text) => {
    const read = readJsonWithLines(text);
    expect(read.ok).toBe(true);
    if (read.ok) expect(toPlainValue(read.node)).toEqual(JSON.parse(text));
  });

  it("gives each value and key the line it starts on", () => {
    const read = readJsonWithLines('[\n  {\n    "site": "A",\n    "url": "u"\n  },\n  {"site": "B"}\n]');
    expect(read.ok).toBe(true);
    if (!read.ok || read.node.kind !== "list") return;
    expect(read.node.items.map((item) => item.line)).toEqual([2, 6]);
    const first = read.node.items[0];
    expect(first?.kind === "map" ? first.entries.map((entry) => entry.line) : []).toEqual([3, 4]);
  });

  it("ignores a UTF-8 byte order mark (files saved by Windows editors)", () => {
    const read = readJsonWithLines('\uFEFF["a"]');
    expect(read.ok && toPlainValue(read.node)).toEqual(["a"]);
  });

  it.each([
    ["a trailing comma in an array", '[\n  1,\n  2,\n]', 3, "comma"],
    ["a trailing comma in an object", '{\n "a": 1,\n}', 2, "comma"],
    ["a missing comma between entries", '[\n {"a": 1}\n {"a": 2}\n]', 3, 'expected "]"'],
    ["an unquoted key", "{\n  site: 1\n}", 2, "quoted"],
    ["single quotes", "['a']", 1, "expected a value"],
    ["an unclosed string", '[\n"abc\n]', 2, "line break"],
    ["a string never closed at end of file", '["abc', 1, "no closing quote"],
    ["a bad escape", '["\\x"]', 1, "invalid escape"],
    ["text after the value", "[] []", 1, "after the end"],
    ["an empty file", "  \n ", 2, "empty"],
    ["a comment", "[\n// no\n]", 2, "expected a value"],
    ["a leading zero", "[01]", 1, 'expected "]"'],
  ])("reports %s with its line", (_, text, line, words) => {
    const read = readJsonWithLines(text);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.line).toBe(line);
    expect(read.error.message).toContain(words);
  });

  it("refuses nesting deeper than 200 levels instead of overflowing the stack", () => {
    const read = readJsonWithLines("[".repeat(100_000) + "]".repeat(100_000));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.message).toContain("deeper");
  });

  it("agrees with JSON.parse on any JSON value", () => {
    fc.assert(
      fc.property(fc.json({ depthSize: "small" }), (text) => {
        const read = readJsonWithLines(text);
        expect(read.ok).toBe(true);
        if (read.ok) expect(toPlainValue(read.node)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on random text, and accepts exactly what JSON.parse accepts", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."[]{}\",:0123456789-.eEtruefalsn \n\\u") }), (text) => {
        const read = readJsonWithLines(text);
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(read.ok).toBe(parses);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("a key named __proto__", () => {
  it("stays an ordinary key and never touches the prototype (fast-check counterexample)", () => {
    const read = readJsonWithLines('{"__proto__": 0, "site": "x"}');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const value = toPlainValue(read.node) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__", "site"]);
  });
});
