import { describe, expect, it } from "vitest";
import { engine } from "../../../src/site/search/engine.js";
import { loadFoldTable } from "../../../src/site/search/fold-table.js";
import fc from "fast-check";

const fold = engine.createFold(await loadFoldTable());
const tokensOf = (text: string, unigrams = false): string[] => {
  const out: string[] = [];
  engine.scan(text, fold, unigrams, (t) => out.push(t));
  return out;
};

describe("scan (the tokeniser)", () => {
  it.each([
    ["Han text gives overlapping bigrams", "电信诈骗", ["电信", "信诈", "诈骗"]],
    ["Traditional folds to Simplified before pairing (OpenCC TSCharacters)", "電信詐騙", ["电信", "信诈", "诈骗"]],
    ["a lone Han character is its own token, so one-character queries match", "港 人", ["港", "人"]],
    ["Latin words are lowercased and split on punctuation", "Donald TRUMP's", ["donald", "trump", "s"]],
    ["full-width Latin folds to ASCII (NFKC per character)", "ＣＮＡ", ["cna"]],
    ["digits are words", "COVID-19", ["covid", "19"]],
    ["a Han run next to Latin ends at the Latin", "GTV诈骗", ["gtv", "诈骗"]],
    ["punctuation separates Han runs", "诈骗，集团", ["诈骗", "集团"]],
    ["accented letters stay in their word", "Café résumé", ["café", "résumé"]],
    ["astral Han (Extension B) is Han", "𠮷野家", ["𠮷野", "野家"]],
  ])("%s", (_, text, expected) => {
    expect(tokensOf(text)).toEqual(expected);
  });

  it("emits every Han character as a unigram too when indexing", () => {
    expect(tokensOf("诈骗", true)).toEqual(["诈", "诈骗", "骗"]);
  });

  it("gives offsets into the original text, so Traditional text is highlighted where it stands", () => {
    const spans: Array<[string, number, number]> = [];
    engine.scan("王毅會談電信詐騙", fold, false, (t, s, e) => spans.push([t, s, e]));
    expect(spans.find(([t]) => t === "诈骗")?.slice(1)).toEqual([6, 8]);
  });

  it("never throws on random strings and keeps offsets inside the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 }), (a, b) => {
        const text = a + b;
        engine.scan(text, fold, true, (t, s, e) => {
          expect(t.length).toBeGreaterThan(0);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(e).toBeLessThanOrEqual(text.length);
          expect(s).toBeLessThan(e);
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe("queryTokens", () => {
  it.each([
    ["Simplified and Traditional give the same tokens", "诈骗", "詐騙"],
    ["case does not matter", "Trump", "TRUMP"],
    ["spacing does not matter between terms", "王毅  缅甸", "王毅 缅甸"],
  ])("%s", (_, a, b) => {
    expect(engine.queryTokens(a, fold)).toEqual(engine.queryTokens(b, fold));
  });

  it("drops repeated tokens", () => {
    expect(engine.queryTokens("诈骗 诈骗", fold)).toEqual(["诈骗"]);
  });
});

describe("posting codec", () => {
  it("decodes what it encodes, gaps of any size", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 1, max: 63 })), { maxLength: 50 }), (pairs) => {
        const encoded = pairs.map(([gap, impact]) => engine.encodePosting(gap, impact)).join("");
        const decoded: Array<[number, number]> = [];
        let last = 100;
        expect(engine.decodePostings(encoded, 100, (doc, impact) => { decoded.push([doc - last, impact]); last = doc; })).toBe(true);
        expect(decoded).toEqual(pairs);
      }),
    );
  });

  it.each([
    ["a character outside the alphabet", "0!"],
    ["a gap with no impact after it", "0"],
    ["a varint that never ends", "zzzzzzzzzzzzzzzz"],
  ])("refuses %s", (_, encoded) => {
    expect(engine.decodePostings(encoded, 0, () => {})).toBe(false);
  });
});

describe("BM25 impacts", () => {
  it("grow with term frequency and shrink with document length (BM25 saturation and length normalisation)", () => {
    expect(engine.impactOf(3, 100, 100)).toBeGreaterThan(engine.impactOf(1, 100, 100));
    expect(engine.impactOf(1, 50, 100)).toBeGreaterThan(engine.impactOf(1, 400, 100));
    expect(engine.impactOf(1000, 1, 100)).toBeLessThanOrEqual(63);
    expect(engine.impactOf(1, 1e9, 1)).toBeGreaterThanOrEqual(1);
  });

  it("weighs a rare token above a common one (IDF)", () => {
    expect(engine.idfOf(3, 10_000)).toBeGreaterThan(engine.idfOf(5_000, 10_000));
  });
});

describe("shard files", () => {
  it("round-trip any JSON value through the script wrapper", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(engine.unwrapShard(engine.wrapShard("p/0/1.js", value))).toEqual(JSON.parse(JSON.stringify(value)));
    }));
  });

  it.each([
    ["plain text", "hello"],
    ["another script", "alert(1)"],
    ["a truncated file", 'NewsmirrorSearch.shard("p/0/1.js",{"a":'],
  ])("read %s as no shard", (_, text) => {
    expect(engine.unwrapShard(text)).toBeNull();
  });
});

describe("snippetOf", () => {
  it("centres on the first match and marks it in the original script", () => {
    const text = "開頭".repeat(100) + "打擊電信詐騙" + "結尾".repeat(100);
    const snip = engine.snippetOf(text, engine.queryTokens("诈骗", fold), fold, 60);
    expect(snip.text.startsWith("…")).toBe(true);
    const [start, end] = snip.marks[0] ?? [0, 0];
    expect(snip.text.slice(start, end)).toBe("詐騙");
  });

  it("does not cut a surrogate pair", () => {
    const text = "𠮷".repeat(100);
    const snip = engine.snippetOf(text, [], fold, 7);
    expect(snip.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
