// Tests of item-filter.ts: include/exclude on titles, text and categories.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isItemIncluded } from "../../src/sources/index.js";

const item = { title: "王毅會緬甸外長談電信詐騙", html: "<p>中國外交部長<b>王毅</b>今天&amp;昨天</p><p>Telecom fraud</p>", categories: ["政治", "Asia"] };
const filter = (include: string[], exclude: string[] = []) => ({ include, exclude });

describe("isItemIncluded", () => {
  it.each([
    ["no filter keeps everything", filter([]), true],
    ["a keyword in the title", filter(["緬甸"]), true],
    ["a keyword in the text", filter(["外交部長"]), true],
    ["a keyword across an inline tag (中國外交部長<b>王毅</b>)", filter(["部長王毅"]), true],
    ["an entity is decoded before matching", filter(["今天&昨天"]), true],
    ["Latin keywords ignore case", filter(["TELECOM"]), true],
    ["fullwidth letters match (NFKC)", filter(["ＦＲＡＵＤ"]), true],
    ["an exact category, ignoring case", filter(["asia"]), true],
    ["a keyword that appears nowhere", filter(["台灣"]), false],
    ["part of a category is not the category", filter(["As"]), false],
    ["block elements do not glue words (</p><p>)", filter(["昨天Telecom"]), false],
    ["exclude wins over include", filter(["緬甸"], ["詐騙"]), false],
    ["exclude by category", filter([], ["政治"]), false],
    ["exclude that does not match keeps the item", filter([], ["體育"]), true],
    ["one matching include of several is enough", filter(["台灣", "王毅"]), true],
  ])("%s", (_, source, expected) => {
    expect(isItemIncluded(item, source)).toBe(expected);
  });

  it("does not match text inside script or style", () => {
    const scripted = { title: "t", html: "<p>a</p><script>var secret = 1</script><style>.x{}</style>", categories: [] };
    expect(isItemIncluded(scripted, filter(["secret"]))).toBe(false);
  });

  it("never throws on random HTML", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.array(fc.string()), fc.array(fc.string()), (title, html, include, categories) => {
        expect(typeof isItemIncluded({ title, html, categories }, filter(include, []))).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });
});
