import { readFileSync } from "node:fs";
import { parseFeed } from "./src/feed/index.js";
import Parser from "rss-parser";
for (const f of ["/work/shared/corpus/feeds/rss-parser/input/guardian.rss", "/work/shared/corpus/feeds/rssant/parser/warn/http-blog-xiayf-cn-feeds-rss-xml.xml"]) {
  const t = readFileSync(f, "utf8");
  const runs: number[] = [];
  for (let i = 0; i < 100; i++) { const s = performance.now(); parseFeed(t, { baseUrl: "https://x.example/" }); runs.push(performance.now() - s); }
  runs.sort((a, b) => a - b);
  const p = new Parser();
  const rr: number[] = [];
  for (let i = 0; i < 30; i++) { const s = performance.now(); await p.parseString(t); rr.push(performance.now() - s); }
  rr.sort((a, b) => a - b);
  console.log(f.split("/").pop(), Buffer.byteLength(t), "bytes; parseFeed median", runs[50]!.toFixed(2), "p90", runs[90]!.toFixed(2), "| rss-parser median", rr[15]!.toFixed(2));
}
