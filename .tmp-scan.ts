import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseFeed } from "./src/feed/index.js";
function walk(d: string): string[] { return readdirSync(d).flatMap((f) => { const p = join(d, f); return statSync(p).isDirectory() ? walk(p) : [p]; }); }
const files = walk("/work/shared/corpus/feeds").filter((f) => !f.endsWith(".tsv") && !f.endsWith(".md") && !f.includes("/output/") && !f.endsWith("expected.json") && !f.endsWith("_expected.json") && !(f.includes("/gofeed/") && f.endsWith(".json") && !f.includes("/json/") && !f.includes("universal")));
const codes: Record<string, number> = {};
let slow: [number, string][] = [];
for (const f of files) {
  const t = readFileSync(f, "utf8");
  const s = performance.now();
  let r;
  try { r = parseFeed(t, { baseUrl: "https://feed.example/x.xml" }); } catch (e) { console.log("THROW", f, e); continue; }
  const ms = performance.now() - s;
  slow.push([ms, f]);
  const k = r.ok ? r.value.meta.dialect + (r.value.entries.length ? "" : "-empty") : r.failure.code;
  codes[k] = (codes[k] ?? 0) + 1;
  if (process.argv[2] && k.includes(process.argv[2])) console.log(k, f, r.ok ? "" : r.failure.message);
}
console.log(files.length, codes);
slow.sort((a, b) => b[0] - a[0]); console.log(slow.slice(0, 5));
