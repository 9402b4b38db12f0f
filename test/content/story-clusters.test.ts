// Near-duplicate stories: unit cases, and precision/recall on a labeled set built from the real posts corpus.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as OpenCC from "opencc-js";
import { findPreparedStoryClusters, findStoryClusters, minHash, SignatureMemo, storySentences, type StoryDoc } from "../../src/content/story-clusters.js";
import { sharedPath } from "../support/paths.js";

interface CorpusPost extends StoryDoc {
  title: string;
}

/** The corpus posts as plain text (front matter read by pattern: this test is about text, not the post format). */
function loadCorpus(): CorpusPost[] {
  const dir = sharedPath("corpus/posts/");
  return readdirSync(dir).sort().map((name) => {
    const raw = readFileSync(dir + name, "utf8");
    const site = /^categories: \[ (.*) \]$/m.exec(raw)?.[1] ?? /^tags: \[ (.*) \]$/m.exec(raw)?.[1] ?? "?";
    const title = /^title: "(.*)"$/m.exec(raw)?.[1] ?? name;
    const date = Date.parse(/^date: (.*)$/m.exec(raw)?.[1] ?? "");
    const body = /<div>\n([\s\S]*)\n<\/div>/.exec(raw)?.[1] ?? "";
    const text = body.replace(/<[^>]*>/g, " ").replace(/&nbsp;/g, " ").replace(/\s+/g, " ").trim();
    return { id: name, site, title, time: Number.isNaN(date) ? null : date, text };
  });
}

function shingles(text: string): Set<string> {
  const core = text.slice(0, 1500).replace(/[^\p{L}\p{N}]+/gu, "");
  const set = new Set<string>();
  for (let i = 0; i + 5 <= core.length; i++) set.add(core.slice(i, i + 5));
  return set;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

const CJK = /[\u4e00-\u9fff]/gu;
const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });

/**
 * The labeled set, and how it is chosen (deterministic, from the sorted corpus):
 * - true pairs, "one outlet in both scripts": every 9th post with at least 300 CJK characters, converted by
 *   OpenCC's phrase converter into the other script, republished by another source with its own sign-off;
 * - true pairs, "wire copy": the next such posts with their first sentence dropped, another source's dateline in
 *   front and an editor's line at the end;
 * - hard negatives, "same template": two posts of one source whose raw text shares at least 30 % of its shingles
 *   (channel blurbs, newsletter boxes) while their titles differ;
 * - hard negatives, "same beat": two posts of one source within three days whose texts share 5 to 30 %.
 */
function labeledSet(corpus: CorpusPost[]): { docs: StoryDoc[]; positives: Array<[string, string]>; negatives: Array<[string, string]> } {
  const docs: StoryDoc[] = [...corpus];
  const positives: Array<[string, string]> = [];
  const long = corpus.filter((p) => (p.text.match(CJK)?.length ?? 0) >= 300);
  const picked = long.filter((_, i) => i % 9 === 0);
  picked.slice(0, 40).forEach((post, i) => {
    const converted = toTraditional(post.text);
    const text = converted === post.text ? toSimplified(post.text) : converted;
    const copy = { id: `script-copy-${i}`, site: `other outlet ${i % 5}`, time: post.time, text: `${text} （本台綜合報導，編輯：林${i}）` };
    docs.push(copy);
    positives.push([post.id, copy.id]);
  });
  picked.slice(40, 75).forEach((post, i) => {
    const firstStop = post.text.search(/[。！？.!?]/u);
    const rest = firstStop > 0 ? post.text.slice(firstStop + 1) : post.text;
    const copy = { id: `wire-copy-${i}`, site: `wire outlet ${i % 4}`, time: post.time, text: `（法新社${i}日电） ${rest} 责任编辑：王${i}。` };
    docs.push(copy);
    positives.push([post.id, copy.id]);
  });
  const negatives: Array<[string, string]> = [];
  const template: Array<[string, string]> = [];
  const beat: Array<[string, string]> = [];
  const bySite = new Map<string, CorpusPost[]>();
  for (const post of corpus) bySite.set(post.site, [...(bySite.get(post.site) ?? []), post]);
  for (const posts of bySite.values()) {
    const sets = posts.map((p) => shingles(p.text));
    for (let a = 0; a < posts.length; a++) {
      for (let b = a + 1; b < posts.length; b++) {
        const pa = posts[a] as CorpusPost;
        const pb = posts[b] as CorpusPost;
        if (pa.title === pb.title || pa.text === pb.text) continue;
        const j = jaccard(sets[a] as Set<string>, sets[b] as Set<string>);
        const near = pa.time != null && pb.time != null && Math.abs(pa.time - pb.time) <= 3 * 86_400_000;
        if (j >= 0.3 && template.length < 40 && titleSimilarity(pa.title, pb.title) < 0.5) template.push([pa.id, pb.id]);
        else if (j >= 0.05 && j < 0.3 && near && beat.length < 30) beat.push([pa.id, pb.id]);
      }
    }
  }
  negatives.push(...template, ...beat);
  return { docs, positives, negatives };
}

function titleSimilarity(a: string, b: string): number {
  const grams = (s: string): Set<string> => new Set(Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2)));
  return jaccard(grams(a), grams(b));
}

describe("storySentences", () => {
  it.each([
    ["folds Traditional to Simplified so both scripts meet", "電信詐騙猖獗。", ["电信诈骗猖獗"]],
    ["drops punctuation and spaces inside a sentence", "Hello, big world! 再见了朋友", ["hellobigworld", "再见了朋友"]],
    ["splits at Latin full stops followed by a space", "First one here. Second one here.", ["firstonehere", "secondonehere"]],
  ])("%s", (_name, text, expected) => {
    expect(storySentences(text).slice(0, expected.length)).toEqual(expected);
  });
});

describe("findStoryClusters", () => {
  const story = "中國外長王毅6日在北京會見緬甸副總理兼外長丹瑞時說，近期中緬合作打擊緬北電詐取得成效，雙方要強化執法合作，徹底鏟除網賭電詐毒瘤；丹瑞也表示，緬方將堅決打擊電詐等跨境違法犯罪，與中方全面協調配合。";
  it("puts one story in both scripts into one cluster", () => {
    const clusters = findStoryClusters([
      { id: "tw", site: "CNA", text: story },
      { id: "cn", site: "VOA", text: toSimplified(story) },
      { id: "other", site: "BBC", text: "英國首相今天在倫敦宣布新的移民政策，引發反對黨強烈批評，多個團體表示將發起抗議活動，政府則堅持這是必要的改革。" },
    ]);
    expect(clusters).toEqual([["cn", "tw"]]);
  });
  it("never joins stories published far apart", () => {
    const clusters = findStoryClusters([
      { id: "a", site: "CNA", text: story, time: 0 },
      { id: "b", site: "VOA", text: story, time: 30 * 86_400_000 },
    ]);
    expect(clusters).toEqual([]);
  });
  it("ignores a source's recurring boilerplate", () => {
    const blurb = "訂閱我們的頻道，每天為你帶來最新消息。歡迎留言分享你的看法。支持我們請點讚分享。";
    const docs = ["今天去了廣州的市場看看，人很少，很多店都關門了，老闆說生意很難做。", "成都的火鍋店排長龍，我們等了一個小時才吃上，味道非常好值得一試。", "在東京銀座找地方吃晚餐，物價比想像中便宜，街上遊客很多也很熱鬧。"]
      .map((text, i) => ({ id: `v${i}`, site: "channel", text: `${text}${blurb}` }));
    expect(findStoryClusters(docs, { threshold: 0.45, maxDaysApart: 7, minCoreChars: 20 })).toEqual([]);
  });
});

describe("SignatureMemo", () => {
  it("gives the clusters of overlapping calls that calls without it give, reusing what the last call signed", () => {
    // Corpus posts in time order, in windows of 400 that overlap by 200, as the site's windows share a week.
    const docs = loadCorpus().filter((doc) => doc.time !== null).sort((a, b) => a.time! - b.time!).map((doc) => ({ id: doc.id, site: doc.site, time: doc.time, sentences: storySentences(doc.text) }));
    const memo = new SignatureMemo();
    let found = 0;
    for (let start = 0; start + 400 <= docs.length; start += 200) {
      const window = docs.slice(start, start + 400);
      const clusters = findPreparedStoryClusters(window, undefined, memo);
      expect(clusters).toEqual(findPreparedStoryClusters(window));
      found += clusters.length;
    }
    expect(found).toBeGreaterThan(0);
    // A signature made by the last call is the same object; one two calls old is made again, equal.
    const core = "同一則新聞的核心文字，足夠長，可以計算簽名。".repeat(5);
    const first = memo.sign(core);
    memo.next();
    expect(memo.sign(core)).toBe(first);
    memo.next();
    memo.next();
    const again = memo.sign(core);
    expect(again).not.toBe(first);
    expect(again).toEqual(minHash(core));
  });
});

describe("near-duplicate stories on the labeled corpus set", () => {
  const corpus = loadCorpus();
  const { docs, positives, negatives } = labeledSet(corpus);
  const started = performance.now();
  const clusters = findStoryClusters(docs);
  const ms = performance.now() - started;
  const clusterOf = new Map<string, number>();
  clusters.forEach((ids, i) => ids.forEach((id) => clusterOf.set(id, i)));
  const together = ([a, b]: [string, string]): boolean => clusterOf.has(a) && clusterOf.get(a) === clusterOf.get(b);

  it("has at least 50 true pairs and 50 hard negatives", () => {
    expect(positives.length).toBeGreaterThanOrEqual(50);
    expect(negatives.length).toBeGreaterThanOrEqual(50);
  });

  it("finds the true pairs and keeps the hard negatives apart", () => {
    const truePositives = positives.filter(together).length;
    const falsePositives = negatives.filter(together).length;
    const precision = truePositives / Math.max(1, truePositives + falsePositives);
    const recall = truePositives / positives.length;
    console.log(`story clusters: ${docs.length} posts in ${ms.toFixed(0)} ms; ${positives.length} true pairs, ${negatives.length} hard negatives; precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
