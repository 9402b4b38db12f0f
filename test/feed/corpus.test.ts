// Every feed in shared/corpus/feeds: never a throw and the Entry contract; synth-encodings to the byte.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/fetch/index.js";
import { parseFeed } from "../../src/feed/index.js";
import { CORPUS_BASE as BASE, corpusFeeds, corpusFolderOf, FEEDS_ROOT, KNOWN_NON_FEEDS, readCorpusText } from "./corpus-files.js";
import { contractViolations } from "./entry-contract.js";

const FEEDS = corpusFeeds();

/** Folders whose every file is an HTML page and must say so (rssant feed_type/html, parser/failed). */
const HTML_FOLDERS = ["rssant/feed_type/html/", "rssant/parser/failed/http"];

function parse(name: string): ReturnType<typeof parseFeed> {
  return parseFeed(readCorpusText(name), { baseUrl: BASE });
}

describe("every corpus feed gives a value or a failure, never a throw", () => {
  const folders = [...new Set(FEEDS.map(corpusFolderOf))];

  it("finds the corpus", () => {
    expect(FEEDS.length).toBeGreaterThan(2000);
  });

  it.each(folders)("%s", (folder) => {
    const problems: string[] = [];
    for (const name of FEEDS.filter((n) => corpusFolderOf(n) === folder)) {
      const result = parse(name);
      const isHtml = HTML_FOLDERS.some((prefix) => name.startsWith(prefix));
      const expectedFailure = KNOWN_NON_FEEDS.get(name) ?? (isHtml ? "feed.not-a-feed" : undefined);
      if (!result.ok) {
        if (result.failure.code !== expectedFailure) problems.push(`${name}: ${result.failure.code} ${result.failure.message}`);
        if (isHtml && !result.failure.message.includes("HTML page")) problems.push(`${name}: not named an HTML page`);
        continue;
      }
      if (expectedFailure) problems.push(`${name}: parsed, but should fail with ${expectedFailure}`);
      result.value.entries.forEach((entry, i) => {
        for (const problem of contractViolations(entry)) problems.push(`${name} entry ${i}: ${problem}`);
      });
    }
    expect(problems).toEqual([]);
  });
});

interface SynthExpected { feed: string; bytes_encoding: string; http_content_type: string; items: Array<{ title: string; link: string; pubDate: string; html: string }> }

describe("synth-encodings: exact title, link, time and HTML", () => {
  const cases = FEEDS.filter((n) => n.startsWith("synth-encodings/"));
  it.each(cases)("%s", (name) => {
    const expected = JSON.parse(readFileSync(FEEDS_ROOT + name.replace(/\.xml$/, ".expected.json"), "utf8")) as SynthExpected;
    // The feed stage takes text; decoding is the fetch stage's: the bytes go through it with the case's HTTP header.
    const text = decodeText(readFileSync(FEEDS_ROOT + name), expected.http_content_type, "xml").text;
    const result = parseFeed(text, { baseUrl: BASE });
    const entries = result.ok ? result.value.entries : [];
    expect(entries.map((e) => ({ title: e.title, link: e.link, pubDate: e.published?.toISOString(), html: e.html })))
      .toEqual(expected.items.map((i) => ({ title: i.title, link: i.link, pubDate: i.pubDate, html: i.html })));
  });
});


