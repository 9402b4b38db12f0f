import { parseFeed } from "./src/feed/index.js";
const deep = "<rss><channel><item><title>" + "<a>".repeat(200000) + "x" + "</a>".repeat(200000) + "</title></item></channel></rss>";
try { parseFeed(deep, { baseUrl: "https://x.example/" }); } catch (e) { console.log((e as Error).stack?.split("\n").slice(0, 6).join("\n")); }
