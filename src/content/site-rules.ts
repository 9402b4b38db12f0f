// Boilerplate removal per site: the table of CSS selectors to delete, keyed by host, checked when it loads.
import { findSelectorError } from "./html-fragment.js";

/** What is removed from articles of one host. */
export interface SiteRule {
  /** CSS selectors; every matching element is removed with its content. */
  remove: readonly string[];
}

/** One selector to apply, with the name reported in `Article.rulesMatched` ("www.cna.com.tw div.SubscriptionInner"). */
export interface RemoveRule {
  name: string;
  selector: string;
}

/**
 * The built-in rules, sorted by host. Each host is proved by posts in shared/corpus/posts (their
 * `from:` URL gives the host); test/content/site-rules.test.ts checks every selector matches there.
 */
export const SITE_RULES: Readonly<Record<string, SiteRule>> = {
  // China Digital Times: the "Feed enhanced by Better Feed from Ozh" WordPress plugin credit line.
  "chinadigitaltimes.net": { remove: ["p:has(a[href*='planetozh.com'])"] },
  // FT 中文网: the in-article advert placeholders.
  "cn.ft.com": { remove: ["div.o-ads"] },
  // NYT 中文网: the Taboola "related content" widget after the article.
  "cn.nytimes.com": { remove: ["div.trc_related_container"] },
  // Reuters China: the "我们的标准" trust-principles badge.
  "cn.reuters.com": { remove: ["div.StandardArticleBody_trustBadgeContainer"] },
  // nei.st: the ad cards ("code-block" with an iframe blocker) inserted between paragraphs.
  "nei.st": { remove: ["div.code-block"] },
  // Blogger (维权网): Word's empty `<o:p>` paragraph marks and the "read more" jump anchor of MsoNormal posts.
  "wqw2010.blogspot.com": { remove: ["o\\:p", "a[name='more']"] },
  // BBC 中文: the advert containers (广告) between paragraphs.
  "www.bbc.com": { remove: ["section[data-e2e='advertisement']"] },
  // CNA: the e-paper sign-up box (input, SVG, `javascript:` link; golden/cna-2023-12-07), the 延伸閱讀
  // related-articles block, and the empty end-of-article ad banner.
  "www.cna.com.tw": { remove: ["div.SubscriptionInner", "div.moreArticle", "div.bottomArticleBanner"] },
  // iYouPort (WordPress + Jetpack): share buttons, related posts, and the title, byline/categories and
  // tag footer and author box that repeat the post's own front matter.
  "www.iyouport.org": {
    remove: ["div.sharedaddy", "div.jp-relatedposts", "header.entry-header", "div.entry-meta", "div.entry-footer", "div.entry-author-wrapper"],
  },
  // RFA: the zoom icon link (`icon-zoom.png`) under every photo.
  "www.rfa.org": { remove: ["#zoomattribute"] },
  // RFI: the hidden newsletter/app self-promotion boxes and the ad interstitial (with its unlock button and SVG).
  "www.rfi.fr": { remove: ["div.o-self-promo", "div.m-interstitial"] },
  // Lianhe Zaobao: DFP ad slots between paragraphs.
  "www.zaobao.com": { remove: ["div.dfp-tag-wrapper", "#innity-in-post"] },
  // Bitter Winter: the PayPal donation banner (a picture of several sources) at the end of every article.
  "zh.bitterwinter.org": { remove: ["section.widget_media_image:has(a.donate-us)"] },
};

/** Problems found in the table: unsorted or non-lowercase hosts, empty rules, selectors that do not parse. */
export function findSiteRuleProblems(table: Readonly<Record<string, SiteRule>>): string[] {
  const problems: string[] = [];
  const hosts = Object.keys(table);
  hosts.forEach((host, index) => {
    const previous = hosts[index - 1];
    if (previous !== undefined && previous >= host) {
      problems.push(`site rules: "${host}" is out of order (after "${previous}"); keep the table sorted by host`);
    }
    if (host !== host.toLowerCase() || !/^[a-z0-9.-]+$/.test(host)) {
      problems.push(`site rules: "${host}" is not a lowercase host name`);
    }
    const rule = table[host];
    if (rule === undefined || rule.remove.length === 0) problems.push(`site rules: "${host}" removes nothing`);
    for (const selector of rule?.remove ?? []) {
      const error = findSelectorError(selector);
      if (error !== null) problems.push(`site rules: "${host}" selector "${selector}" does not parse: ${error}`);
    }
  });
  return problems;
}

// A broken built-in table is a bug in this file, shown by test/content/site-rules.test.ts; a check on load
// would load linkedom for every command that imports the content stage.

/**
 * The built-in rules for a host, most specific first: "www.cna.com.tw" uses its own entry, and an
 * entry for a parent domain ("cna.com.tw") would apply to every subdomain.
 * rulesForHost("www.cna.com.tw")[0] -> { name: "www.cna.com.tw div.SubscriptionInner", selector: "div.SubscriptionInner" }
 */
export function rulesForHost(host: string): RemoveRule[] {
  const rules: RemoveRule[] = [];
  const labels = host.toLowerCase().replace(/\.$/, "").split(".");
  for (let start = 0; start < labels.length - 1; start++) {
    const domain = labels.slice(start).join(".");
    const rule = Object.hasOwn(SITE_RULES, domain) ? SITE_RULES[domain] : undefined;
    for (const selector of rule?.remove ?? []) rules.push({ name: `${domain} ${selector}`, selector });
  }
  return rules;
}

/** The built-in rules for an article URL's host; none when the URL does not parse. */
export function rulesForUrl(url: string): RemoveRule[] {
  try {
    return rulesForHost(new URL(url).hostname);
  } catch {
    return [];
  }
}

/** Rules from a source's `remove:` option, named "remove <selector>"; selectors that do not parse come back separately. */
export function rulesFromOptions(selectors: readonly string[]): { rules: RemoveRule[]; invalid: string[] } {
  const rules: RemoveRule[] = [];
  const invalid: string[] = [];
  for (const selector of selectors) {
    if (findSelectorError(selector) === null) rules.push({ name: `remove ${selector}`, selector });
    else invalid.push(selector);
  }
  return { rules, invalid };
}

/** Removes what each rule selects from the article DOM; returns the names of the rules that removed something. */
export function applyRemoveRules(container: HTMLElement, rules: readonly RemoveRule[]): string[] {
  const matched: string[] = [];
  for (const rule of rules) {
    const found = container.querySelectorAll(rule.selector);
    if (found.length === 0) continue;
    found.forEach((element) => element.remove());
    matched.push(rule.name);
  }
  return matched;
}
