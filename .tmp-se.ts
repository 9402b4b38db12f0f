import { readFileSync, readdirSync } from "node:fs";
import { parseFeed } from "./src/feed/index.js";
const dir = "/work/shared/corpus/feeds/synth-encodings/";
for (const f of readdirSync(dir).filter((f) => f.endsWith(".expected.json"))) {
  const exp = JSON.parse(readFileSync(dir + f, "utf8"));
  const text = new TextDecoder(exp.bytes_encoding).decode(readFileSync(dir + exp.feed));
  const r = parseFeed(text, { baseUrl: "https://feed.example/x.xml" });
  if (!r.ok) { console.log(f, r.failure); continue; }
  let bad = 0;
  exp.items.forEach((it: any, i: number) => {
    const e = r.value.entries[i]!;
    for (const [k, a, b] of [["title", it.title, e.title], ["link", it.link, e.link], ["date", it.pubDate, e.published?.toISOString()], ["html", it.html, e.html]]) {
      if (a !== b) { bad++; if (bad < 3) console.log(f, i, k, JSON.stringify(a).slice(0, 100), JSON.stringify(b).slice(0, 100)); }
    }
  });
  console.log(f, exp.items.length, r.value.entries.length, "bad", bad);
}
