// The baseline: the same ingest done the way the existing mirrors do it (rss-parser, a synchronous write per item,
// the ledger read once, checked by substring and rewritten whole after every new item), for comparison only.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Parser from "rss-parser";

type Item = { title: string; content: string; link: string; pubDate: number; site: string; author: string };

/** Returns how many posts were written and when the budget was reached (performance.now), if it was. */
export async function ingestTheOriginalWay(dir: string, subs: Array<{ site: string; url: string }>, itemBudget: number): Promise<{ written: number; budgetReachedAt: number | null }> {
  const ledgerPath = join(dir, "allurls.dat");
  if (!existsSync(ledgerPath)) writeFileSync(ledgerPath, "");
  let allurls = readFileSync(ledgerPath, "utf8");
  mkdirSync(join(dir, "_posts"), { recursive: true });
  let written = 0;
  let budgetReachedAt: number | null = null;
  const strip = (s: string): string => s.replace(/(^\s*|\s*$)/g, "");
  const generate = (article: Item): void => {
    if (written >= itemBudget) return;
    const today = new Date();
    let pubDate = new Date(article.pubDate);
    if (today < pubDate || Number.isNaN(pubDate.getTime())) pubDate = today;
    const dateString = pubDate.toISOString();
    const titletext = article.title.replace(/"/g, '\\"').replace("...", "");
    const articlelink = new URL(article.link).href;
    const md = `---\nlayout: post\ntitle: "${titletext}"\ndate: ${dateString}\nauthor: ${article.author}\nfrom: ${articlelink}\ntags: [ ${article.site} ]\ncomments: True\ncategories: [ ${article.site} ]\n---\n<!--${article.pubDate}-->\n[${strip(article.title)}](${articlelink})\n------\n\n<div>\n${article.content.split("\n").map(strip).join("")}\n</div>\n`;
    const filename = `${dateString.substring(0, 10)}-${titletext.substring(0, 50)}.md`.replace(/\//g, "--");
    if (!existsSync(join(dir, "_posts", filename)) && !allurls.includes(articlelink)) {
      writeFileSync(join(dir, "_posts", filename), md);
      allurls = allurls + articlelink + "\n";
      writeFileSync(ledgerPath, allurls);
      written += 1;
      if (written === itemBudget) budgetReachedAt = performance.now();
    }
  };
  // The script starts every feed at once; with 200 feeds its synchronous writes then block the event loop past
  // rss-parser's 60 s timeout, so here the feeds are read one after another: the per-item work is the same.
  for (const site of subs) {
    const parser = new Parser({ customFields: { item: [["media:group", "media:group"]] } });
    const feed = await parser.parseURL(site.url);
    const items: Item[] = feed.items.map((item: Record<string, any>) => ({
      title: String(item["title"]).replace(/[\x00-\x1F\x7F-\x9F]/g, ""),
      content: String(item["content:encoded"] ?? item["content"] ?? item["description"] ?? "").replace(/[\x00-\x1F\x7F-\x9F]/g, ""),
      link: item["link"] ?? item["guid"],
      pubDate: Date.parse(item["pubDate"]),
      site: site.site,
      author: item["author"] ?? site.site,
    }));
    items.sort((x, y) => x.pubDate - y.pubDate);
    items.forEach(generate);
  }
  return { written, budgetReachedAt };
}
