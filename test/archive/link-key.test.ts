import { describe, expect, it } from "vitest";
import { normalizeLink } from "../../src/archive/index.js";

describe("normalizeLink", () => {
  it.each([
    ["an href is its own key", "https://www.cna.com.tw/news/acn/202312070032.aspx", "https://www.cna.com.tw/news/acn/202312070032.aspx"],
    ["the fragment is dropped", "https://a.example/1#comments", "https://a.example/1"],
    ["utm_* parameters are dropped, others kept in order", "https://a.example/x?b=1&utm_source=rss&a=2", "https://a.example/x?b=1&a=2"],
    ["BBC's at_medium/at_campaign are dropped", "https://www.bbc.com/zhongwen/simp/1?at_medium=RSS&at_campaign=KARANGA", "https://www.bbc.com/zhongwen/simp/1"],
    ["fbclid is dropped", "https://a.example/1?fbclid=abc", "https://a.example/1"],
    ["the content stage's list: gbraid and hsa_* are dropped too", "https://a.example/1?gbraid=x&id=2&hsa_cam=3", "https://a.example/1?id=2"],
    ["an empty query is dropped", "https://a.example/1?", "https://a.example/1"],
    ["host case and default port (WHATWG URL)", "HTTPS://A.Example:443/x", "https://a.example/x"],
    ["dot segments resolved", "https://a.example/a/./b/../c", "https://a.example/a/c"],
    ["non-ASCII path percent-encoded as href does", "https://a.example/中", "https://a.example/%E4%B8%AD"],
    ["scheme kept: sites do serve different pages", "http://a.example/1", "http://a.example/1"],
    ["surrounding spaces trimmed", "  https://a.example/1 \n", "https://a.example/1"],
    ["text that is not a URL is its own key", "urn-less guid 42", "urn-less guid 42"],
  ])("%s", (_reason, url, expected) => {
    expect(normalizeLink(url)).toBe(expected);
  });

  it("gives a prefix of another link a different key (never substring matching)", () => {
    expect(normalizeLink("https://a.example/1")).not.toBe(normalizeLink("https://a.example/12"));
  });
});
