// How much text changed between two versions of an article.
import { describe, expect, it } from "vitest";
import { textSimilarity } from "../../src/archive/text-similarity.js";

describe("textSimilarity", () => {
  it.each([
    ["the same text in other markup is unchanged", "<p>王毅會緬甸外長</p>", "<div>王毅會緬甸外長</div>", 1],
    ["nothing in common", "<p>abcdef</p>", "<p>uvwxyz</p>", 0],
    ["one character inserted into a Chinese headline", "<p>王毅會緬甸外長</p>", "<p>王毅會見緬甸外長</p>", 0.77],
    ["both empty", "", "<p> </p>", 1],
    ["scripts do not count as text", "<p>story</p><script>var x = 1</script>", "<p>story</p>", 1],
  ])("%s", (_name, before, after, expected) => {
    expect(textSimilarity(before, after)).toBe(expected);
  });

  it("falls as more of an English article is rewritten", () => {
    const base = "<p>The minister met his counterpart on Tuesday and signed a trade pact.</p>";
    const light = "<p>The minister met his counterpart on Wednesday and signed a trade pact.</p>";
    const heavy = "<p>Talks collapsed after the delegation walked out of the meeting.</p>";
    expect(textSimilarity(base, light)).toBeGreaterThan(0.8);
    expect(textSimilarity(base, heavy)).toBeLessThan(0.4);
  });
});
