// Tests of config-node.ts: how values and problems are named in messages.
import { describe, expect, it } from "vitest";
import { describeNode, formatProblem, problemsToFailure, type ConfigNode } from "../../src/sources/config-node.js";

describe("describeNode", () => {
  it.each([
    ["a map", { kind: "map", line: 1, entries: [] }, "a map"],
    ["a list", { kind: "list", line: 1, items: [] }, "a list"],
    ["null", { kind: "scalar", line: 1, value: null }, "null"],
    ["text, quoted", { kind: "scalar", line: 1, value: "no" }, 'the text "no"'],
    ["long text, shortened", { kind: "scalar", line: 1, value: "x".repeat(100) }, `the text "${"x".repeat(57)}..."`],
    ["a number", { kind: "scalar", line: 1, value: 3 }, "the number 3"],
    ["a boolean", { kind: "scalar", line: 1, value: false }, "the boolean false"],
  ] as Array<[string, ConfigNode, string]>)("%s", (_, node, expected) => {
    expect(describeNode(node)).toBe(expected);
  });
});

describe("problems", () => {
  it("name the file by its base name and the line (STYLE rule 9)", () => {
    expect(formatProblem({ file: "/m/subs.json", line: 14, message: "`url` is missing" })).toBe("subs.json line 14: `url` is missing");
  });

  it("become one sources.invalid failure pointing at the first", () => {
    const failure = problemsToFailure([
      { file: "/m/subs.json", line: 9, message: "b" },
      { file: "/m/subs.json", line: 3, message: "a" },
    ]);
    expect(failure).toEqual({ code: "sources.invalid", message: "subs.json line 3: a\nsubs.json line 9: b", file: "/m/subs.json", line: 3 });
  });
});
