import { readFileSync } from "node:fs";
import { parseXml } from "./src/feed/xml.js";
import { parseFeed } from "./src/feed/index.js";
import { parseDocument } from "htmlparser2";
for (const f of ["/work/shared/corpus/feeds/rss-parser/input/guardian.rss", "/work/shared/corpus/feeds/rssant/parser/warn/http-blog-xiayf-cn-feeds-rss-xml.xml"]) {
const t = readFileSync(f, "utf8");
const time = (name: string, fn: () => unknown) => { for (let i = 0; i < 5; i++) fn(); const s = performance.now(); for (let i = 0; i < 20; i++) fn(); console.log(name, ((performance.now() - s) / 20).toFixed(2)); };
time("h2 plain", () => parseDocument(t, { xmlMode: true }));
time("h2 nodecode", () => parseDocument(t, { xmlMode: true, decodeEntities: false }));
time("h2 indices", () => parseDocument(t, { xmlMode: true, decodeEntities: false, withStartIndices: true, withEndIndices: true }));
time("parseXml", () => parseXml(t));
time("parseFeed", () => parseFeed(t, { baseUrl: "https://x.example/" }));
}
