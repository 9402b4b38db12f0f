import { corpusDocs } from "./test/site/search/corpus-docs.js";
import { engine } from "./src/site/search/engine.js";
import { loadFoldTable } from "./src/site/search/fold-table.js";
const docs = corpusDocs();
const fold = engine.createFold(await loadFoldTable());
let t = performance.now();
let n = 0;
for (const d of docs) engine.scan(d.text, fold, true, () => { n++; });
console.log("scan", Math.round(performance.now() - t), n);
t = performance.now();
for (const d of docs) engine.countDocTokens(d.title, d.text, fold);
console.log("count", Math.round(performance.now() - t));
t = performance.now();
for (const d of docs) { const c = engine.countDocTokens(d.title, d.text, fold); for (const k of c.counts.keys()) engine.hashToken(k); }
console.log("count+hash", Math.round(performance.now() - t));
