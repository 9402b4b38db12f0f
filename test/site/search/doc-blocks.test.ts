import { describe, expect, it } from "vitest";
import { DocBlocks, EXCERPT_CHARS, excerptOf } from "../../../src/site/search/doc-blocks.js";
import { emptyState } from "../../../src/site/search/search-state.js";

describe("excerptOf", () => {
  it.each([
    ["runs of whitespace become one space", "a \n\t b", "a b"],
    ["ends are trimmed", "  text  ", "text"],
  ])("%s", (_, text, expected) => {
    expect(excerptOf(text)).toBe(expected);
  });

  it("keeps at most EXCERPT_CHARS code points and never half a surrogate pair", () => {
    const out = excerptOf("𠮷".repeat(EXCERPT_CHARS + 10));
    expect(Array.from(out)).toHaveLength(EXCERPT_CHARS);
    expect(out).toBe("𠮷".repeat(EXCERPT_CHARS));
  });
});

describe("DocBlocks", () => {
  it("writes a block once it is full and records each block's date span", async () => {
    const state = emptyState({ windowDocs: 64, windowShards: 8, windowUnigramShards: 2, partDocs: 16, partShards: 4, partUnigramShards: 2, blockSize: 2 });
    const written: Array<[string, unknown]> = [];
    const blocks = new DocBlocks(state, { write: async (p, v) => { written.push([p, v]); }, remove: async () => {} });
    const add = (num: number, date: string): Promise<void> => blocks.add({ num, id: `${num}.md`, url: `${num}.html`, title: "t", source: "s", date, text: "body" });
    await add(1, "1970-01-03T00:00:00Z");
    await add(2, "1970-01-02T12:00:00Z");
    await add(3, "1970-01-10T00:00:00Z");
    expect(written.map(([p]) => p)).toEqual(["d/0.js"]);
    await blocks.flush();
    expect(written.map(([p]) => p)).toEqual(["d/0.js", "d/1.js"]);
    expect(state.spans).toEqual([[1, 2], [9, 9]]);
    expect((written[1]?.[1] as unknown[][])[0]).toEqual([3, "3.md", "3.html", "t", "s", "1970-01-10T00:00:00Z", "body"]);
  });
});
