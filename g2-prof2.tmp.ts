import { buildSearchIndex } from "./src/site/search/index.js";
import { corpusDocs } from "./test/site/search/corpus-docs.js";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
const dir = "/tmp/g2-p2";
const site = join(dir, "site");
const out = { async write(p: string, d: string | Uint8Array) { const f = join(site, p); await mkdir(dirname(f), { recursive: true }); await writeFile(f, d); }, async remove(p: string) { await rm(join(site, p), { force: true }); } };
function* gen(count: number, from = 0) { const b = corpusDocs(); for (let i = from; i < from + count; i++) { const d = b[i % b.length]!; yield { ...d, id: `${i}-${d.id}`, url: `${i}/${d.url}` }; } }
if (process.argv[2] === "init") { await rm(dir, { recursive: true, force: true }); const r = await buildSearchIndex(gen(10000), out, { stateDir: join(dir, "state") }); console.log(JSON.stringify(r).slice(0, 200)); }
else { const r = await buildSearchIndex(gen(100, 20000), out, { stateDir: join(dir, "state"), appendOnly: true }); console.log(JSON.stringify(r).slice(0, 200)); }
