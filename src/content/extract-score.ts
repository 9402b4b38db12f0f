// How close an extracted text is to an expected text: token-bag precision, recall and F1.
//
// The measure used for the article corpus (issue #4) and by `npm run bench`:
// 1. normalise: Unicode NFKC (full-width letters and digits become ASCII), lower case;
// 2. tokens: every run of Han, Hiragana, Katakana or Hangul characters gives its characters as
//    overlapping bigrams (a lone character is one token), because Chinese has no spaces and single
//    characters repeat so often that a bag of them rewards any Chinese text; every other run of
//    letters and digits (\p{L}\p{N}, plus combining marks) is one word; punctuation and whitespace
//    separate tokens and are not counted;
// 3. the two texts are bags (multisets) of tokens; overlap = sum over tokens of the smaller count;
//    precision = overlap / extracted tokens, recall = overlap / expected tokens, F1 their harmonic
//    mean. Two empty texts score 1; one empty text scores 0.
// This is the bag-of-words measure of the article-extraction-benchmark (Zyte), with bigrams for CJK.

/** Scores of one extracted text against its expected text, each in [0, 1]. */
export interface TextScore {
  precision: number;
  recall: number;
  f1: number;
}

// Scripts written without spaces between words (Unicode script property names, UAX #24).
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/u;
const TOKEN_RUNS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}\p{M}])+/gu;

/** The tokens of a text, as described at the top of this file. */
export function tokenizeText(text: string): string[] {
  const tokens: string[] = [];
  const normal = text.normalize("NFKC").toLowerCase();
  for (const match of normal.matchAll(TOKEN_RUNS)) {
    const run = match[0];
    if (!CJK_RUN.test(run)) {
      tokens.push(run);
      continue;
    }
    const chars = Array.from(run);
    if (chars.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  }
  return tokens;
}

function countTokens(tokens: string[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const token of tokens) bag.set(token, (bag.get(token) ?? 0) + 1);
  return bag;
}

/** Precision, recall and F1 of `extracted` against `expected` (token bags, see above). */
export function scoreText(extracted: string, expected: string): TextScore {
  const got = tokenizeText(extracted);
  const want = tokenizeText(expected);
  if (got.length === 0 && want.length === 0) return { precision: 1, recall: 1, f1: 1 };
  if (got.length === 0 || want.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const wantBag = countTokens(want);
  let overlap = 0;
  for (const [token, count] of countTokens(got)) overlap += Math.min(count, wantBag.get(token) ?? 0);
  const precision = overlap / got.length;
  const recall = overlap / want.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** The mean of each score over a suite of pages (each page weighs the same). */
export function meanScore(scores: TextScore[]): TextScore {
  if (scores.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const sum = (pick: (s: TextScore) => number) => scores.reduce((acc, s) => acc + pick(s), 0) / scores.length;
  return { precision: sum((s) => s.precision), recall: sum((s) => s.recall), f1: sum((s) => s.f1) };
}
