// Tests of yaml-reader.ts: YAML with lines, refused shapes, hostile input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toPlainValue } from "../../src/sources/config-node.js";
import { readYamlWithLines } from "../../src/sources/yaml-reader.js";

describe("readYamlWithLines", () => {
  it("reads maps, lists, flow style and scalars with the line of each key", () => {
    const read = readYamlWithLines("# comment\ndefaults:\n  clean: false\nsources:\n  - { site: A, url: 'https://a/' }\n  - site: B\n    url: https://b/\n");
    expect(read.ok).toBe(true);
    if (!read.ok || read.node?.kind !== "map") return;
    expect(toPlainValue(read.node)).toEqual({
      defaults: { clean: false },
      sources: [{ site: "A", url: "https://a/" }, { site: "B", url: "https://b/" }],
    });
    expect(read.node.entries.map((entry) => entry.line)).toEqual([2, 4]);
    const list = read.node.entries[1]?.value;
    expect(list?.kind === "list" ? list.items.map((item) => item.line) : []).toEqual([5, 6]);
  });

  it("reads an empty document as null", () => {
    const read = readYamlWithLines("# only a comment\n");
    expect(read).toEqual({ ok: true, node: null });
  });

  it("gives `key:` with no value a null on the key's line", () => {
    const read = readYamlWithLines("a: 1\nsources:\n");
    expect(read.ok && read.node?.kind === "map" && read.node.entries[1]?.value).toEqual({ kind: "scalar", line: 2, value: null });
  });

  it.each([
    ["a duplicate key", "fetch: {}\nfetch: {}\n", 2, "Map keys must be unique"],
    ["bad indentation", "defaults:\n  clean: true\n bad: 1\n", 3, ""],
    ["an unclosed flow map", "sources:\n  - { site: A\n", 3, ""],
    ["an alias, which could expand exponentially", "a: &x [1]\nb: *x\n", 2, "aliases"],
    ["a list as a key", "? [a]\n: 1\n", 1, "plain text"],
  ])("reports %s with its line", (_, text, line, words) => {
    const read = readYamlWithLines(text);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.line).toBe(line);
    expect(read.error.message).toContain(words);
  });

  it("never throws on random text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ab:- \n\t[]{},&*!|>'\"#?%@`") }), (text) => {
        const read = readYamlWithLines(text);
        expect(typeof read.ok).toBe("boolean");
      }),
      { numRuns: 800 },
    );
  });
});
