// Dialect detection from the first characters and the root element, and what a non-feed is called.
import { describe, expect, it } from "vitest";
import { detectDialect } from "../../src/feed/detect.js";

describe("detectDialect", () => {
  it.each([
    ["rss root", `<rss version="2.0"><channel/></rss>`, "rss"],
    ["rss with upper-case name", `<RSS><channel/></RSS>`, "rss"],
    ["bare channel root", `<channel><item/></channel>`, "rss"],
    ["rdf:RDF root", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>`, "rdf"],
    ["Atom feed root", `<feed xmlns="http://www.w3.org/2005/Atom"/>`, "atom"],
    ["prefixed Atom root", `<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"/>`, "atom"],
    ["comments, doctype and prolog before the root", `<?xml version="1.0"?><!-- c --><!DOCTYPE rss [<!ENTITY x "y">]><rss/>`, "rss"],
    ["UTF-8 BOM", `\uFEFF<rss/>`, "rss"],
    ["JSON Feed", `{"version":"https://jsonfeed.org/version/1","items":[]}`, "json"],
    ["JSON Feed that forgot its version but has items", `{"items":[]}`, "json"],
    ["JSON after a BOM and spaces", `\uFEFF  {"version":"https://jsonfeed.org/version/1.1","items":[]}`, "json"],
  ])("%s", (_name, text, dialect) => {
    const result = detectDialect(text);
    expect(result.ok && result.value.dialect).toBe(dialect);
  });

  it.each([
    ["empty", "", "feed.not-a-feed", "got an empty document"],
    ["HTML without title", "<html><body>hi</body></html>", "feed.not-a-feed", "got an HTML page, not a feed"],
    ["HTML doctype only", "<!DOCTYPE html><p>x", "feed.not-a-feed", "got an HTML page"],
    ["JSON array", "[1,2]", "feed.not-a-feed", "not a JSON Feed"],
    ["broken JSON that is not a feed", "{nope", "feed.not-a-feed", "not valid JSON"],
    ["broken JSON Feed", `{"version":"https://jsonfeed.org/version/1.1",`, "feed.malformed", "not valid JSON"],
    ["SVG", `<svg xmlns="http://www.w3.org/2000/svg"/>`, "feed.not-a-feed", "root is <svg>"],
    ["binary-looking text", "\u0001\u0002PNG", "feed.not-a-feed", "neither XML nor JSON"],
  ])("%s fails: %s", (_name, text, code, words) => {
    const result = detectDialect(text);
    expect(!result.ok && result.failure.code).toBe(code);
    expect(!result.ok && result.failure.message).toContain(words);
  });
});
