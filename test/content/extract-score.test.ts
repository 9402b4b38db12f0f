// Token-bag precision, recall and F1 of extracted text.
import { describe, expect, it } from "vitest";
import { meanScore, scoreText, tokenizeText } from "../../src/content/extract-score.js";

describe("tokenizeText", () => {
  it.each([
    ["Latin words split on spaces and punctuation, lower-cased", "Hello, World! hello", ["hello", "world", "hello"]],
    ["Chinese runs become overlapping bigrams", "中央社記者", ["中央", "央社", "社記", "記者"]],
    ["a lone CJK character is one token", "我 and you", ["我", "and", "you"]],
    ["mixed runs split at the script change", "webpack内部WDS", ["webpack", "内部", "wds"]],
    ["full-width letters and digits fold to ASCII (NFKC)", "ＡＢＣ１２３", ["abc123"]],
    ["punctuation alone gives no token", "，。！…—", []],
    ["Japanese kana count as CJK", "ですね", ["です", "すね"]],
  ])("%s", (_reason, text, tokens) => {
    expect(tokenizeText(text)).toEqual(tokens);
  });
});

describe("scoreText", () => {
  it.each([
    ["identical texts score 1", "the cat sat", "the cat sat", 1, 1],
    ["whitespace and punctuation do not count", "the  cat,\n sat.", "The cat sat", 1, 1],
    ["extra boilerplate lowers precision only", "the cat sat share this", "the cat sat", 3 / 5, 1],
    ["missing text lowers recall only", "the cat", "the cat sat on the mat", 1, 2 / 6],
    ["repeated tokens count as often as they appear in both", "a a a", "a", 1 / 3, 1],
    ["both empty agree completely", "", "  ", 1, 1],
    ["nothing extracted scores 0", "", "text", 0, 0],
  ])("%s", (_reason, extracted, expected, precision, recall) => {
    const score = scoreText(extracted, expected);
    expect(score.precision).toBeCloseTo(precision, 6);
    expect(score.recall).toBeCloseTo(recall, 6);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    expect(score.f1).toBeCloseTo(f1, 6);
  });

  it("word order does not matter (a bag, not a sequence)", () => {
    expect(scoreText("sat cat the", "the cat sat").f1).toBe(1);
  });
});

describe("meanScore", () => {
  it("averages each score over the pages", () => {
    expect(meanScore([{ precision: 1, recall: 0.5, f1: 0.6 }, { precision: 0.5, recall: 1, f1: 0.8 }])).toEqual({ precision: 0.75, recall: 0.75, f1: 0.7 });
  });
  it("an empty suite scores 0, not NaN", () => {
    expect(meanScore([])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
