import { describe, expect, it } from "vitest";
import { readFrontMatter, readScalar, unescapeDoubleQuoted } from "../../src/archive/front-matter.js";

describe("unescapeDoubleQuoted", () => {
  it.each([
    ["`\\\"` is a quote (both writers)", 'a\\"b', 'a"b'],
    ["`\\\\` is one backslash (this writer)", "a\\\\b", "a\\b"],
    ["`\\u` escapes a code point", "a\\u2028b", "a\u2028b"],
    ["`\\U` escapes an astral code point", "\\U0001F600", "😀"],
    ["`\\n` stays as written: the old writer never escaped a backslash", "C:\\new", "C:\\new"],
    ["an unknown escape stays as written", "a\\qb", "a\\qb"],
    ["a short `\\u` stays as written", "a\\u12", "a\\u12"],
    ["a trailing backslash stays", "a\\", "a\\"],
  ])("%s", (_reason, inner, expected) => {
    expect(unescapeDoubleQuoted(inner)).toBe(expected);
  });
});

describe("readScalar", () => {
  it.each([
    ["double-quoted", '"a: b"', "a: b"],
    ["single-quoted with a doubled quote", "'it''s'", "it's"],
    ["plain is literal, old writer's `: ` included", "a: b #c", "a: b #c"],
  ])("%s", (_reason, raw, expected) => {
    expect(readScalar(raw)).toBe(expected);
  });
});

describe("readFrontMatter", () => {
  it.each([
    ["the old writer's one padded item keeps its comma", "tags: [ A, B ]", ["A, B"]],
    ["quoted items are split", 'tags: [ "A, B", C ]', ["A, B", "C"]],
    ["an unpadded list is split", "tags: [a, b]", ["a", "b"]],
    ["an empty list", "tags: []", []],
  ])("%s", (_reason, line, expected) => {
    const fields = readFrontMatter([line]);
    expect(typeof fields === "string" ? fields : fields.get("tags")).toEqual(expected);
  });

  it("hands a block list (another generator) to the YAML parser", () => {
    const fields = readFrontMatter(["title: x", "tags:", "  - a", "  - b"]);
    expect(typeof fields === "string" ? fields : fields.get("tags")).toEqual(["a", "b"]);
  });

  it("returns a message for front matter that is not YAML at all", () => {
    expect(typeof readFrontMatter(["title: x", "  : : ["])).toBe("string");
  });
});
