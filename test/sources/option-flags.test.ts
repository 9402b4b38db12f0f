// Tests of option-flags.ts: per-source options from command-line flags.
import { describe, expect, it } from "vitest";
import { OPTION_FLAG_KEYS, readOptionFlags } from "../../src/sources/index.js";

describe("readOptionFlags", () => {
  it.each([
    ["booleans read true and false", [["clean", "false"], ["enabled", "true"]], { clean: false, enabled: true }],
    ["kebab-case flags name snake_case keys", [["full-text", "never"], ["user-agent", "UA/1"]], { fullText: "never", userAgent: "UA/1" }],
    ["list flags repeat", [["remove", "div.a"], ["remove", ".b, .c"], ["include", "台灣"]], { remove: ["div.a", ".b, .c"], include: ["台灣"] }],
    ["timezone is made canonical", [["timezone", "asia/taipei"]], { timezone: "Asia/Taipei" }],
    ["no flags", [], {}],
  ] as Array<[string, Array<[string, string]>, object]>)("%s", (_, flags, expected) => {
    expect(readOptionFlags(flags)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["a boolean that is not true or false", [["clean", "no"]], "--clean on the command line must be true or false"],
    ["an unknown mode", [["images", "inline"]], "--images on the command line must be mirror or hotlink"],
    ["a broken selector", [["remove", "div["]], "does not parse"],
    ["a scalar option twice", [["author", "a"], ["author", "b"]], "--author is given twice"],
  ] as Array<[string, Array<[string, string]>, string]>)("refuses %s", (_, flags, words) => {
    const read = readOptionFlags(flags);
    expect(read.ok ? null : read.failure.code).toBe("sources.invalid");
    expect(read.ok ? "" : read.failure.message).toContain(words);
  });

  it("offers a flag for every option", () => {
    expect(OPTION_FLAG_KEYS).toEqual(["enabled", "clean", "full-text", "images", "remove", "include", "exclude", "author", "proxy", "user-agent", "timezone"]);
  });
});
