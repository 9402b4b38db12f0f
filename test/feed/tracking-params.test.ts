// Tests for src/feed/tracking-params.ts: which query parameters are tracking, and removing them without re-encoding.
import { describe, expect, it } from "vitest";
import { isTrackingParam, stripTrackingParams } from "../../src/feed/tracking-params.js";

describe("isTrackingParam", () => {
  it.each([
    ["utm_source (Google Analytics campaign)", "utm_source", true],
    ["any utm_ field, in any case", "UTM_Whatever", true],
    ["fbclid (Facebook click id)", "fbclid", true],
    ["gclid (Google Ads click id)", "gclid", true],
    ["mc_eid (Mailchimp subscriber id)", "mc_eid", true],
    ["gbraid (Google Ads, iOS)", "gbraid", true],
    ["BBC's at_medium", "at_medium", true],
    ["BBC's at_custom3", "at_custom3", true],
    ["BBC's at_link_origin", "at_link_origin", true],
    ["another at_ name is the site's own", "at_page", false],
    ["id is content, not tracking", "id", false],
    ["page is content", "page", false],
    ["a name merely containing utm is kept", "autumn", false],
  ])("%s", (_name, param, expected) => {
    expect(isTrackingParam(param)).toBe(expected);
  });
});

describe("stripTrackingParams", () => {
  it.each([
    ["only tracking parameters: the ? goes too", "https://a.example/x?utm_source=rss&utm_medium=feed", "https://a.example/x"],
    ["other parameters keep their order and bytes", "https://a.example/x?b=%E4%B8%AD&utm_source=rss&a=1+2", "https://a.example/x?b=%E4%B8%AD&a=1+2"],
    ["the fragment is kept", "https://a.example/x?fbclid=1#part", "https://a.example/x#part"],
    ["a URL without query is returned as is", "https://a.example/x#utm_source=1", "https://a.example/x#utm_source=1"],
    ["a URL without tracking parameters is unchanged", "https://a.example/x?q=utm_source", "https://a.example/x?q=utm_source"],
    ["an encoded parameter name is recognised", "https://a.example/x?utm%5Fsource=1&k=2", "https://a.example/x?k=2"],
    ["a malformed escape in a name does not throw", "https://a.example/x?%E0%A4%A=1&utm_term=2", "https://a.example/x?%E0%A4%A=1"],
    ["empty pairs collapse", "https://a.example/x?&&utm_id=3&", "https://a.example/x"],
    ["BBC's campaign tags go", "https://www.bbc.com/zhongwen/trad/1?at_medium=RSS&at_campaign=KARANGA", "https://www.bbc.com/zhongwen/trad/1"],
  ])("%s", (_name, url, expected) => {
    expect(stripTrackingParams(url)).toBe(expected);
  });
});
