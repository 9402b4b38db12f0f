import { readFileSync } from "node:fs";
import { parseFeed } from "./src/feed/index.js";
const r: any = parseFeed(readFileSync("/work/shared/corpus/feeds/rss-parser/input/reddit-atom.rss", "utf8"), { baseUrl: "https://x.example/" });
console.log(JSON.stringify(r.value.entries[16].html.slice(0, 200)));
console.log(JSON.stringify(r.value.entries[16].html.slice(-300)));
