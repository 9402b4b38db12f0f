import { describe, expect, it } from "vitest";
import { hasLoneSurrogate, removeControlChars, toWellFormed } from "../../src/archive/text-clean.js";

describe("removeControlChars", () => {
  it.each([
    ["C0 controls, line breaks and tabs (golden/README.md)", "a\u0000b\nc\r\td", "abcd"],
    ["DEL and C1 controls", "a\u007fb\u0085c\u009fd", "abcd"],
    ["U+00A0 and U+2028 are not controls", "a\u00a0b\u2028c", "a\u00a0b\u2028c"],
  ])("%s", (_reason, text, expected) => {
    expect(removeControlChars(text)).toBe(expected);
  });
});

describe("toWellFormed", () => {
  it.each([
    ["a lone high surrogate", "a\ud83d", "a\ufffd", true],
    ["a lone low surrogate", "\ude00b", "\ufffdb", true],
    ["a proper pair is kept", "😀", "😀", false],
  ])("%s", (_reason, text, expected, lone) => {
    expect(toWellFormed(text)).toBe(expected);
    expect(hasLoneSurrogate(text)).toBe(lone);
  });
});
