import { corpusFeeds, readCorpusText } from "./test/feed/corpus-files.js";
import { parseFeed } from "./src/feed/index.js";
import { contractViolations } from "./test/feed/entry-contract.js";
let n = 0;
for (const name of corpusFeeds()) {
  n++;
  const r = parseFeed(readCorpusText(name), { baseUrl: "https://feed.example/x.xml" });
  if (!r.ok) console.log(`["${name}", "${r.failure.code}"],  // ${r.failure.message.slice(0, 90)}`);
  else for (const e of r.value.entries) { const v = contractViolations(e); if (v.length) console.log("CONTRACT", name, v); }
}
console.log(n);
