// The article corpus as one test: extraction accuracy per suite against the expected text (issue #4).
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/content/full-text.js";
import { meanScore, scoreText, type TextScore } from "../../src/content/extract-score.js";
import { readArticleCorpus, type ArticleCase } from "./article-corpus.js";

// Floors for the mean F1 of each suite (token bags, src/content/extract-score.ts). The Chinese floor
// is the one issue #4 sets; the others sit just under what the extractor measures today, so a change
// that loses accuracy fails here. Readability's own suite: Readability 0.6.0 on jsdom 26 (its own
// setup) scores 0.99496 with this scorer, lowest on the same four pages (bbc-1, ehow-1, mathjax,
// mozilla-1); issue #4 asks for at least that.
const SUITE_FLOORS: Array<[string, (c: ArticleCase) => boolean, number]> = [
  ["mozilla-readability", (c) => c.suite === "mozilla-readability", 0.9949],
  ["scrapinghub-aeb", (c) => c.suite === "scrapinghub-aeb", 0.94],
  ["gne", (c) => c.suite === "gne", 0.95],
  ["newspaper4k", (c) => c.suite === "newspaper4k", 0.93],
  ["chinese pages (gne + newspaper4k chinese)", (c) => c.chinese && c.expectedText !== null, 0.9],
];

// Pages under this F1 are listed by name when a floor fails, to start the search there.
const WEAK_PAGE_F1 = 0.8;

// Known gaps, with their reason; each is still measured and must stay above its own floor.
const KNOWN_GAPS = new Map<string, number>([
  // The suite comes from a later Readability (commit ab4027a) whose okMaybeItsACandidate pattern
  // names "mathjax"; 0.6.0's does not, so it drops the formulas (class "MathJax CtxtMenu_…" matches
  // "menu") and with them 60 % of the page's tokens. Not a linkedom difference.
  ["mozilla-readability/mathjax", 0.5],
]);

const cases = readArticleCorpus();
const measured = new Map<ArticleCase, { score: TextScore | null; text: string; title: string }>();
for (const page of cases) {
  const extracted = extractArticle({ url: page.url, html: page.html });
  const text = extracted.ok ? extracted.value.text : "";
  const title = extracted.ok ? (extracted.value.title ?? "") : "";
  measured.set(page, { score: page.expectedText === null ? null : scoreText(text, page.expectedText), text, title });
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

describe("extraction accuracy on shared/corpus/articles", () => {
  it.each(SUITE_FLOORS)("%s: mean F1 at least its floor", (_name, inSuite, floor) => {
    const suite = cases.filter(inSuite);
    const scores = suite.map((page) => measured.get(page)!.score!);
    const mean = meanScore(scores);
    const weak = suite.filter((page) => measured.get(page)!.score!.f1 < WEAK_PAGE_F1).map((page) => `${page.name} (${measured.get(page)!.score!.f1.toFixed(2)})`);
    expect(suite.length).toBeGreaterThan(0);
    expect(mean.f1, `mean P ${mean.precision.toFixed(3)} R ${mean.recall.toFixed(3)}; weak pages: ${weak.join(", ")}`).toBeGreaterThanOrEqual(floor);
  });

  it("Readability's own suite: every page but the listed gaps scores F1 at least 0.95", () => {
    const low = cases
      .filter((page) => page.suite === "mozilla-readability" && !KNOWN_GAPS.has(`${page.suite}/${page.name}`))
      .filter((page) => measured.get(page)!.score!.f1 < 0.95)
      .map((page) => page.name);
    expect(low).toEqual([]);
  });

  it.each([...KNOWN_GAPS])("known gap %s stays above %s", (key, floor) => {
    const page = cases.find((c) => `${c.suite}/${c.name}` === key);
    expect(page, `${key} is not in the corpus any more; remove it from KNOWN_GAPS`).toBeDefined();
    expect(measured.get(page!)!.score!.f1).toBeGreaterThanOrEqual(floor);
  });

  it.each(cases.filter((c) => c.contains !== null).map((c) => [c.name, c] as const))(
    "twnews %s: the article text and headline hold the expected phrases",
    (_name, page) => {
      const { text, title } = measured.get(page)!;
      expect(squash(text)).toContain(squash(page.contains!.text));
      if (page.contains!.title !== null) expect(squash(title)).toContain(squash(page.contains!.title));
    },
  );
});
