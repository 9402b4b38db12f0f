import { readFileSync, readdirSync, existsSync } from "node:fs";
import { parseFeed } from "./src/feed/index.js";
const root = "/work/shared/corpus/feeds/gofeed/";
const out: string[] = [];
for (const sub of ["parser/atom", "parser/rss", "translator/atom", "translator/rss", "translator/json", "parser/json"]) {
  for (const f of readdirSync(root + sub)) {
    if (f.endsWith(".json") && !f.endsWith("_expected.json") && sub.endsWith("json")) {
      const exp = root + sub + "/" + f.replace(".json", "_expected.json");
      if (!existsSync(exp)) continue;
      check(sub + "/" + f, root + sub + "/" + f, exp); continue;
    }
    if (!f.endsWith(".xml")) continue;
    const exp = root + sub + "/" + f.replace(/\.xml$/, ".json");
    if (!existsSync(exp)) continue;
    check(sub + "/" + f, root + sub + "/" + f, exp);
  }
}
function check(name: string, input: string, expPath: string) {
  const e = JSON.parse(readFileSync(expPath, "utf8"));
  const r = parseFeed(readFileSync(input, "utf8"), { baseUrl: "https://feed.example/x.xml" });
  const items = e.items ?? e.entries ?? [];
  if (!r.ok) { out.push(`${name} FAIL ${r.failure.code}`); return; }
  if (items.length !== r.value.entries.length) out.push(`${name} count ${items.length} vs ${r.value.entries.length}`);
  items.forEach((it: any, i: number) => {
    const g = r.value.entries[i]; if (!g) return;
    if (typeof it.title === "string" && it.title !== g.title) out.push(`${name} title ${JSON.stringify(it.title)} vs ${JSON.stringify(g.title)}`);
    const link = it.link ?? it.url ?? it.links?.[0]?.href ?? it.links?.[0];
    if (typeof link === "string" && link && link !== g.link) out.push(`${name} link ${JSON.stringify(link)} vs ${JSON.stringify(g.link)}`);
    const html = typeof it.content === "string" ? it.content : it.content?.value ?? it.content_html ?? it.description ?? (typeof it.summary === "string" ? it.summary : it.summary?.value);
    if (typeof html === "string" && html !== g.html) out.push(`${name} html ${JSON.stringify(html).slice(0,150)} vs ${JSON.stringify(g.html).slice(0,150)}`);
    const pub = it.publishedParsed ?? it.updatedParsed;
    if (pub && new Date(pub).getTime() !== g.published?.getTime()) out.push(`${name} date ${pub} vs ${g.published?.toISOString()}`);
  });
}
console.log(out.join("\n"));
