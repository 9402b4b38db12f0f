// Per-site selectors for the article body of fetched pages, tried before Readability (issue #4, STYLE rule 5).
import { linkedom } from "./html-libraries.js";

/** Where the article is on one site's pages. */
export interface ExtractionRule {
  /** CSS selector of the element holding the article body; the first match is used. */
  body: string;
  /** CSS selectors removed from inside the body (share bars, notices, ads). */
  remove?: string[];
  /** CSS selector of the headline, when the page title is not the headline. */
  title?: string;
}

// One host per entry, sorted by host. A rule applies to the host and its subdomains.
// Every host here is proved by a page of shared/corpus/articles (test/content/extract-rules.test.ts).
const EXTRACTION_RULES: ReadonlyArray<readonly [string, ExtractionRule]> = [
  // twnews/cna: Readability takes the "your browser does not appear to support Traditional Chinese"
  // language banner for the article and loses the story; the story is the first div.paragraph,
  // followed by a notice (div[style]) for expired stories.
  ["cna.com.tw", { body: "div.paragraph", remove: ["div[style]", ".BtnShareGroup", ".articleADbox"], title: "h1" }],
  // twnews/setn: the JSON-LD headline, which Readability prefers, is shortened ("男" for "男子");
  // the h1 (and <title>) have it whole.
  ["setn.com", { body: "#ckuse", title: "h1" }],
  // gne/sina_2: Readability adds two promotion lines after the story (F1 0.84 to 0.996); the story
  // is #artibody on finance.sina.com.cn and #article on news.sina.com.cn (gne/sina_3, gne/sina_sina).
  ["sina.com.cn", { body: "#artibody, #article" }],
];

/** Problems with a rule table: unsorted or repeated hosts, selectors a CSS parser refuses. Empty when sound. */
export function checkExtractionRules(table: ReadonlyArray<readonly [string, ExtractionRule]>): string[] {
  const problems: string[] = [];
  const { document } = linkedom().parseHTML("<!doctype html><html><head></head><body></body></html>");
  table.forEach(([host, rule], index) => {
    const previous = table[index - 1]?.[0];
    if (previous !== undefined && previous >= host) problems.push(`host ${host}: table must be sorted by host, without repeats`);
    if (host !== host.toLowerCase() || !/^[a-z0-9.-]+$/.test(host)) problems.push(`host ${host}: not a lower-case host name`);
    const selectors = [rule.body, ...(rule.remove ?? []), ...(rule.title === undefined ? [] : [rule.title])];
    for (const selector of selectors) {
      try {
        document.querySelector(selector);
      } catch (error) {
        problems.push(`host ${host}: selector ${JSON.stringify(selector)} does not parse (${String(error)})`);
      }
    }
  });
  return problems;
}

// The built-in table is checked by test/content/extract-rules.test.ts, not on load: a check here would load
// linkedom for every command that imports the content stage.
const RULES_BY_HOST = new Map(EXTRACTION_RULES);

/** The hosts that have a rule, in table order. */
export function extractionRuleHosts(): string[] {
  return EXTRACTION_RULES.map(([host]) => host);
}

/** The rule for a page's host or its nearest parent domain ("www.cna.com.tw" uses "cna.com.tw"), or null. */
export function extractionRuleFor(pageUrl: string): ExtractionRule | null {
  if (!URL.canParse(pageUrl)) return null;
  let host = new URL(pageUrl).hostname.toLowerCase();
  while (host.includes(".")) {
    const rule = RULES_BY_HOST.get(host);
    if (rule) return rule;
    host = host.slice(host.indexOf(".") + 1);
  }
  return null;
}
