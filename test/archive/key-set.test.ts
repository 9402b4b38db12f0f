// The ledger's compact key set behaves as a Set of strings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeySet } from "../../src/archive/key-set.js";

describe("KeySet", () => {
  it("adds, finds and counts like a Set, across growth", () => {
    const keys = new KeySet();
    for (let i = 0; i < 20_000; i++) expect(keys.add(`https://news.example/${i}.html`)).toBe(true);
    expect(keys.size).toBe(20_000);
    expect(keys.add("https://news.example/7.html")).toBe(false);
    for (let i = 0; i < 20_000; i++) expect(keys.has(`https://news.example/${i}.html`)).toBe(true);
    expect(keys.has("https://news.example/20000.html")).toBe(false);
    // A prefix of a stored key is not stored (the original's substring bug).
    expect(keys.has("https://news.example/1")).toBe(false);
  });

  it("agrees with Set on random strings, empty and non-BMP ones included", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" }), { maxLength: 200 }), fc.array(fc.string(), { maxLength: 50 }), (added, probes) => {
        const keys = new KeySet();
        const reference = new Set<string>();
        for (const key of added) expect(keys.add(key)).toBe(!reference.has(key) && (reference.add(key), true));
        for (const probe of [...probes, ...added]) expect(keys.has(probe)).toBe(reference.has(probe));
        expect(keys.size).toBe(reference.size);
      }),
      { numRuns: 200 },
    );
  });
});
