// Readers for the article corpus (shared/corpus/articles): each suite keeps its own shape, this turns them into cases.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import { sharedPath } from "../support/paths.js";

export type SuiteName = "mozilla-readability" | "scrapinghub-aeb" | "gne" | "newspaper4k" | "twnews";

/** One page of the corpus with what its suite expects of it. */
export interface ArticleCase {
  suite: SuiteName;
  name: string;
  /** The page's own address when the page names it (canonical / og:url), else a stand-in. */
  url: string;
  html: string;
  /** Full expected body text, when the suite has it. */
  expectedText: string | null;
  /** Substrings the text and title must contain (twnews gives only these). */
  contains: { text: string; title: string | null } | null;
  /** Chinese-language page (GNE, twnews, the Chinese newspaper4k pages). */
  chinese: boolean;
}

const ROOT = "corpus/articles/";

function readText(relative: string): string {
  return readFileSync(sharedPath(ROOT + relative), "utf8");
}

function list(relative: string): string[] {
  return readdirSync(sharedPath(ROOT + relative)).sort();
}

// Saved pages carry their address in <link rel=canonical> or og:url; site rules are keyed by host.
const CANONICAL = /<link\b[^>]*\brel=["']?canonical["']?[^>]*>|<meta\b[^>]*\bproperty=["']og:url["'][^>]*>/i;
const HREF = /\b(?:href|content)=["']([^"']+)["']/i;

function pageAddress(html: string, fallback: string): string {
  const tag = CANONICAL.exec(html)?.[0];
  const href = tag ? HREF.exec(tag)?.[1] : undefined;
  if (href && URL.canParse(href)) {
    const url = new URL(href);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  }
  return fallback;
}

function readabilityCases(): ArticleCase[] {
  return list("mozilla-readability").map((name) => {
    const expected = parseHTML(`<!doctype html><html><body>${readText(`mozilla-readability/${name}/expected.html`)}</body></html>`);
    return {
      suite: "mozilla-readability",
      name,
      // Readability's own test runner serves every page from this address (test/utils.js).
      url: "http://fakehost/test/page.html",
      html: readText(`mozilla-readability/${name}/source.html`),
      expectedText: expected.document.body.textContent ?? "",
      contains: null,
      chinese: false,
    };
  });
}

function aebCases(): ArticleCase[] {
  return list("scrapinghub-aeb/ground-truth").map((file) => {
    const id = file.replace(/\.json$/, "");
    const truth = JSON.parse(readText(`scrapinghub-aeb/ground-truth/${file}`)) as { articleBody: string; url: string };
    const html = gunzipSync(readFileSync(sharedPath(`${ROOT}scrapinghub-aeb/html/${id}.html.gz`))).toString("utf8");
    return { suite: "scrapinghub-aeb", name: id.slice(0, 12), url: truth.url, html, expectedText: truth.articleBody, contains: null, chinese: false };
  });
}

function gneCases(): ArticleCase[] {
  return list("gne/expected").map((file) => {
    const name = file.replace(/\.json$/, "");
    const html = readText(`gne/html/${name}.html`);
    const expected = JSON.parse(readText(`gne/expected/${file}`)) as { content: string };
    const url = pageAddress(html, `https://${name.split("_")[0]}.corpus.invalid/${name}.html`);
    return { suite: "gne", name, url, html, expectedText: expected.content, contains: null, chinese: true };
  });
}

function newspaperCases(): ArticleCase[] {
  return list("newspaper4k/txt").map((file) => {
    const name = file.replace(/\.txt$/, "");
    const html = readText(`newspaper4k/html/${name}.html`);
    const url = pageAddress(html, `https://corpus.invalid/${name}.html`);
    const chinese = name.startsWith("chinese");
    return { suite: "newspaper4k", name, url, html, expectedText: readText(`newspaper4k/txt/${file}`), contains: null, chinese };
  });
}

function twnewsCases(): ArticleCase[] {
  return list("twnews/expected").map((file) => {
    const name = file.replace(/\.json$/, "");
    const html = readText(`twnews/html/${name}.html`);
    const expected = JSON.parse(readText(`twnews/expected/${file}`)) as { contents_contains: string; title_contains: string | null };
    const url = pageAddress(html, `https://${name}.corpus.invalid/`);
    return {
      suite: "twnews",
      name,
      url,
      html,
      expectedText: null,
      contains: { text: expected.contents_contains, title: expected.title_contains },
      chinese: true,
    };
  });
}

const READERS: Record<SuiteName, () => ArticleCase[]> = {
  "mozilla-readability": readabilityCases,
  "scrapinghub-aeb": aebCases,
  gne: gneCases,
  newspaper4k: newspaperCases,
  twnews: twnewsCases,
};

/** Every page of the article corpus with an expectation, suite by suite (all suites, or the ones named). */
export function readArticleCorpus(suites: SuiteName[] = Object.keys(READERS) as SuiteName[]): ArticleCase[] {
  if (!existsSync(sharedPath(ROOT))) throw new Error(`article corpus not found at ${sharedPath(ROOT)}; shared/ must sit beside the repository`);
  return suites.flatMap((suite) => READERS[suite]());
}

/** One summary-versus-page pair of rssant's full-text tests, with its labels (null: not labelled). */
export interface SummaryPair {
  name: string;
  feedHtml: string;
  pageHtml: string;
  feedIsSummaryOfPage: boolean | null;
  feedIsFullText: boolean | null;
}

export function readSummaryPairs(): SummaryPair[] {
  return list("rssant-fulltext/expected").map((file) => {
    const name = file.replace(/\.json$/, "");
    const labels = JSON.parse(readText(`rssant-fulltext/expected/${file}`)) as { rss_is_summary_of_web: boolean | null; rss_is_fulltext: boolean | null };
    return {
      name,
      feedHtml: readText(`rssant-fulltext/${name}_rss.html`),
      pageHtml: readText(`rssant-fulltext/${name}_web.html`),
      feedIsSummaryOfPage: labels.rss_is_summary_of_web,
      feedIsFullText: labels.rss_is_fulltext,
    };
  });
}
