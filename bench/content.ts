// Content benchmark: extraction and cleaning throughput, time per page, memory and accuracy on shared/corpus/articles.
// Run alone with `npx tsx bench/content.ts`; `benchContent()` is the entry for bench/index.ts.
import { availableParallelism, loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { extractArticle } from "../src/content/full-text.js";
import { meanScore, scoreText, type TextScore } from "../src/content/extract-score.js";
import { sanitizeHtml } from "../src/content/index.js";
import { readArticleCorpus, type ArticleCase } from "../test/content/article-corpus.js";

// Each page is timed this many times and its fastest run kept: the machine is shared, and the
// fastest run is the one least disturbed by other processes. CPU time (user + system of this
// process) is reported beside wall time: on a loaded machine it is the better estimate of the
// time on an idle one (it also counts the collector's helper threads, so it errs high).
const RUNS_PER_PAGE = 3;

interface PageTime {
  wall: number;
  cpu: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

function timeBest(run: () => void): PageTime {
  const best = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < RUNS_PER_PAGE; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    run();
    const cpu = process.cpuUsage(cpuStart);
    best.wall = Math.min(best.wall, performance.now() - start);
    best.cpu = Math.min(best.cpu, (cpu.user + cpu.system) / 1000);
  }
  return best;
}

function sortedTimes(times: PageTime[]): { wall: number[]; cpu: number[] } {
  return { wall: times.map((t) => t.wall).sort((a, b) => a - b), cpu: times.map((t) => t.cpu).sort((a, b) => a - b) };
}

function measureExtraction(cases: ArticleCase[]): { times: { wall: number[]; cpu: number[] }; passMs: number } {
  for (const page of cases) extractArticle(page); // warm-up: JIT and lazy module state
  const start = performance.now();
  for (const page of cases) extractArticle(page);
  const passMs = performance.now() - start;
  const times = cases.map((page) => timeBest(() => extractArticle(page)));
  return { times: sortedTimes(times), passMs };
}

function measureCleaning(pages: Array<{ html: string; url: string }>): { times: { wall: number[]; cpu: number[] }; passMs: number } {
  for (const page of pages) sanitizeHtml(page.html, page.url);
  const start = performance.now();
  for (const page of pages) sanitizeHtml(page.html, page.url);
  const passMs = performance.now() - start;
  const times = pages.map((page) => timeBest(() => sanitizeHtml(page.html, page.url)));
  return { times: sortedTimes(times), passMs };
}

function printAccuracy(cases: ArticleCase[]): void {
  const bySuite = new Map<string, TextScore[]>();
  const add = (name: string, score: TextScore) => bySuite.set(name, [...(bySuite.get(name) ?? []), score]);
  for (const page of cases) {
    if (page.expectedText === null) continue;
    const extracted = extractArticle(page);
    const score = scoreText(extracted.ok ? extracted.value.text : "", page.expectedText);
    add(page.suite, score);
    if (page.chinese) add("chinese (gne + newspaper4k zh)", score);
  }
  console.log("suite | pages | precision | recall | F1  (token bags, src/content/extract-score.ts)");
  for (const [suite, scores] of bySuite) {
    const mean = meanScore(scores);
    console.log([suite, scores.length, mean.precision.toFixed(3), mean.recall.toFixed(3), mean.f1.toFixed(3)].join(" | "));
  }
}

export async function benchContent(): Promise<void> {
  const cases = readArticleCorpus();
  const bytes = cases.reduce((sum, page) => sum + Buffer.byteLength(page.html), 0);
  const rssBefore = process.memoryUsage().rss;
  console.log(`content: ${cases.length} pages of shared/corpus/articles (${megabytes(bytes)} MB of HTML), fastest of ${RUNS_PER_PAGE} runs per page; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);

  const extraction = measureExtraction(cases);
  const extracted = cases.flatMap((page) => {
    const result = extractArticle(page);
    return result.ok ? [{ html: result.value.html, url: page.url }] : [];
  });
  const cleaning = measureCleaning(extracted);
  const rssAfter = process.memoryUsage().rss;

  console.log("step | pages | pages/s (one pass) | median ms wall | median ms CPU | p90 ms CPU | max ms CPU");
  for (const [step, m, pages] of [["extraction (site rule or Readability on linkedom)", extraction, cases.length], ["cleaning (sanitizeHtml of the extracted article)", cleaning, extracted.length]] as const) {
    const { wall, cpu } = m.times;
    console.log([step, pages, ((pages * 1000) / m.passMs).toFixed(0), quantile(wall, 0.5).toFixed(1), quantile(cpu, 0.5).toFixed(1), quantile(cpu, 0.9).toFixed(1), quantile(cpu, 1).toFixed(1)].join(" | "));
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(`memory: RSS ${megabytes(rssBefore)} MB with the corpus loaded, ${megabytes(rssAfter)} MB after, peak ${megabytes(peakRss)} MB`);
  printAccuracy(cases);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchContent();
