// Language scores used by detection: common-character shares, broken share, whole-word and script tests.
import { describe, expect, it } from "vitest";
import { brokenShare, cyrillicLowerShare, hasWholeNonAsciiWords, languageShare, thaiShare } from "../../src/fetch/charset-scoring.js";

describe("languageShare", () => {
  it.each([
    ["simplified Chinese news is mostly common characters", "据中央社报道，香港警方昨天逮捕了多名民主派人士。", "zh", 0.8, 1],
    ["traditional Chinese news too", "據中央社報導，香港警方昨天逮捕了多名民主派人士。", "zh", 0.8, 1],
    ["rare characters are not common", "丂丄丅丆丏丒丗丟", "zh", 0, 0],
    ["Japanese counts kana and common kanji", "ゲーム三昧な正月をずっとプレイしている。", "ja", 0.8, 1],
    ["Korean counts common syllables", "한글로 된 닉네임을 정할 경우에", "ko", 0.6, 1],
    ["Korean text is not Chinese", "한글로 된 닉네임을 정할 경우에", "zh", 0, 0],
    ["ASCII alone scores 0", "plain text", "zh", 0, 0],
  ] as const)("%s", (_name, text, language, low, high) => {
    const share = languageShare(text, language);
    expect(share).toBeGreaterThanOrEqual(low);
    expect(share).toBeLessThanOrEqual(high);
  });
});

describe("other scores", () => {
  it("brokenShare counts U+FFFD among non-ASCII characters", () => {
    expect(brokenShare("ab\uFFFD中")).toBe(0.5);
    expect(brokenShare("ascii")).toBe(0);
  });

  it.each([
    ["Russian words are whole non-ASCII words", "Как пережить новогоднюю ночь", true],
    ["French accents sit inside Latin words", "Le café est très célèbre à Paris", false],
    ["Thai words", "สำนักงาน ส่งเสริม", true],
    ["no non-ASCII at all", "plain words only", false],
  ])("hasWholeNonAsciiWords: %s", (_name, text, expected) => {
    expect(hasWholeNonAsciiWords(text)).toBe(expected);
  });

  it("cyrillicLowerShare tells real text from KOI8-R read as Windows-1251", () => {
    expect(cyrillicLowerShare("Как пережить новогоднюю ночь")).toBeGreaterThan(0.8);
    expect(cyrillicLowerShare("лЮЙ ОЕПЕФХРЭ МНБНЦНДМЧЧ МНВЭ")).toBeLessThan(0.3);
    expect(cyrillicLowerShare("no cyrillic")).toBe(0);
  });

  it("thaiShare", () => {
    expect(thaiShare("สำนักงาน")).toBe(1);
    expect(thaiShare("café")).toBe(0);
  });
});
