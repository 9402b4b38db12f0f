import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseFeed } from "./src/feed/index.js";
function walk(d: string): string[] { return readdirSync(d).flatMap((f) => { const p = join(d, f); return statSync(p).isDirectory() ? walk(p) : [p]; }); }
const files = walk("/work/shared/corpus/feeds").filter((f) => statSync(f).size > 150_000 && /\.(xml|rss|atom)$/.test(f));
for (const f of files) {
  const t = readFileSync(f, "utf8");
  for (let i = 0; i < 5; i++) parseFeed(t, { baseUrl: "https://x.example/" });
  const s = performance.now(); let n = 0;
  for (let i = 0; i < 20; i++) { const r = parseFeed(t, { baseUrl: "https://x.example/" }); n = r.ok ? r.value.entries.length : -1; }
  console.log(((performance.now() - s) / 20).toFixed(2), "ms", (t.length / 1024).toFixed(0), "K chars", n, "items", f.split("/").slice(-2).join("/"));
}
// deep nesting
const deep = "<rss><channel><item><title>" + "<a>".repeat(200000) + "x" + "</a>".repeat(200000) + "</title></item></channel></rss>";
try { const r = parseFeed(deep, { baseUrl: "https://x.example/" }); console.log("deep ok", r.ok); } catch (e) { console.log("deep THROW", String(e).slice(0, 100)); }
const deepHtml = "<html>" + "<div>".repeat(200000);
try { const r = parseFeed(deepHtml, { baseUrl: "https://x.example/" }); console.log("deepHtml ok", r.ok); } catch (e) { console.log("deepHtml THROW", String(e).slice(0, 100)); }
