import { readFileSync, readdirSync } from "node:fs";
import { parseFeed } from "./src/feed/index.js";
const dir = "/work/shared/corpus/feeds/rss-parser/";
const norm = (s: string) => s.replace(/<[^>]*>/g, "").replace(/\s+/g, " ").trim();
for (const f of readdirSync(dir + "input")) {
  const name = f.replace(/\.[^.]+$/, "");
  let exp; try { exp = JSON.parse(readFileSync(dir + "output/" + name + ".json", "utf8")); } catch { console.log("noexp", f); continue; }
  const r = parseFeed(readFileSync(dir + "input/" + f, "utf8"), { baseUrl: "https://feed.example/x.xml" });
  if (!r.ok) { console.log(f, r.failure.code); continue; }
  const items = exp.feed.items ?? [];
  if (items.length !== r.value.entries.length) console.log(f, "count", items.length, r.value.entries.length);
  let bad = 0;
  items.forEach((it: any, i: number) => {
    const e = r.value.entries[i]; if (!e) return;
    const diffs: string[] = [];
    if ((it.title ?? "") !== e.title) diffs.push(`title ${JSON.stringify(it.title)} vs ${JSON.stringify(e.title)}`);
    if (it.link && it.link !== e.link) diffs.push(`link ${it.link} vs ${e.link}`);
    if (it.isoDate && it.isoDate !== e.published?.toISOString()) diffs.push(`date ${it.isoDate} vs ${e.published?.toISOString()}`);
    const c = it["content:encoded"] ?? it.content ?? "";
    if (norm(c) !== norm(e.html)) diffs.push(`html ${JSON.stringify(norm(c).slice(0,120))} vs ${JSON.stringify(norm(e.html).slice(0,120))}`);
    if (diffs.length && bad++ < 2) console.log(f, i, diffs);
  });
  if (bad) console.log(f, "bad items", bad, "of", items.length);
}
