import { describe, expect, it } from "vitest";
import { loadFoldTable } from "../../../src/site/search/fold-table.js";

describe("loadFoldTable", () => {
  it.each([
    ["詐", "诈"],
    ["騙", "骗"],
    ["臺", "台"],
  ])("maps %s to %s (OpenCC TSCharacters)", async (trad, simp) => {
    expect((await loadFoldTable()).split("|")).toContain(`${trad} ${simp}`);
  });

  it("holds only one-character pairs, so folding never changes text length", async () => {
    const entries = (await loadFoldTable()).split("|");
    expect(entries.length).toBeGreaterThan(3000);
    expect(entries.filter((e) => e.split(" ").some((side) => Array.from(side).length !== 1))).toEqual([]);
  });
});
