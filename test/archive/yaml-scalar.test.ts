import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { blockScalar, doubleQuoted, flowScalar, isFlowPlainSafe, isPlainSafe } from "../../src/archive/yaml-scalar.js";

describe("isPlainSafe", () => {
  it.each([
    ["the golden site name", "(臺)中央社CNA", true],
    ["a name with a space", "BBC 中文", true],
    ["a URL (`:` not followed by a space)", "https://a.example/x?y=1#z", true],
    ["empty (would read as null)", "", false],
    ["leading space (would be trimmed)", " a", false],
    ["`: ` (a mapping)", "a: b", false],
    ["trailing `:`", "a:", false],
    ["` #` (a comment)", "a #b", false],
    ["leading `[` (a flow sequence)", "[a]", false],
    ["leading `&` (an anchor)", "&a", false],
    ["leading `*` (an alias)", "*a", false],
    ["leading `!` (a tag)", "!a", false],
    ["leading `'`", "'a", false],
    ["leading `-`", "-a", false],
    ["`yes` (a YAML 1.1 boolean)", "yes", false],
    ["`Null`", "Null", false],
    ["`~`", "~", false],
    ["an integer", "2024", false],
    ["a float", "1.5e3", false],
    ["a hex number", "0x1F", false],
    ["a sexagesimal YAML 1.1 number", "1:30", false],
    ["a date (a YAML 1.1 timestamp)", "2024-01-01", false],
    ["a number-like word stays plain", "36氪", true],
    ["a newline", "a\nb", false],
    ["a tab", "a\tb", false],
    ["a lone surrogate", "a\ud800", false],
  ])("%s -> %s", (_reason, value, expected) => {
    expect(isPlainSafe(value)).toBe(expected);
  });
});

describe("isFlowPlainSafe", () => {
  it.each([
    ["a comma would split the list", "A, B", false],
    ["a bracket would end the list", "a]b", false],
    ["a brace", "a{b", false],
    ["a colon", "a:b", false],
    ["an ordinary name", "BBC 中文", true],
  ])("%s -> %s", (_reason, value, expected) => {
    expect(isFlowPlainSafe(value)).toBe(expected);
  });
});

describe("scalars read back as the same string (fast-check)", () => {
  const value = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom("yes", "no", "1:2", "0o7", ".inf", "- a", "? b", "a: b", "a #b", "[x]", "{y}", "a,b", "\\"));
  const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

  it("blockScalar and flowScalar in YAML 1.2 and 1.1", () => {
    fc.assert(
      fc.property(value, (text) => {
        for (const version of ["1.2", "1.1"] as const) {
          expect(parseYaml(`k: ${blockScalar(text)}`, { version })).toEqual({ k: wellFormed(text) });
          expect(parseYaml(`k: [ ${flowScalar(text)} ]`, { version })).toEqual({ k: [wellFormed(text)] });
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("doubleQuoted escapes quote, backslash and unprintables only", () => {
    expect(doubleQuoted('a"b\\c\u0007\u2028中')).toBe('"a\\"b\\\\c\\u0007\\u2028中"');
  });
});
