import { readFileSync } from "node:fs";
import { parseFeed } from "./src/feed/index.js";
const t = readFileSync("/work/shared/corpus/feeds/rss-parser/input/guardian.rss", "utf8");
for (let i = 0; i < 200; i++) parseFeed(t, { baseUrl: "https://x.example/" });
