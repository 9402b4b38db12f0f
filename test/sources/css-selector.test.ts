// Tests of css-selector.ts: selectors of `remove` checked when the config loads, with the content stage's check.
import { describe, expect, it } from "vitest";
import { whyNotSelector } from "../../src/sources/css-selector.js";

describe("whyNotSelector", () => {
  it.each([
    ["the CNA newsletter box (golden clean post)", "div.SubscriptionInner", null],
    ["a group", "div.ad, .promo", null],
    ["combinators and pseudo-classes", "article > p:nth-child(2) ~ a", null],
    ["an unclosed attribute", "div[", "Expected"],
    ["an unknown pseudo-class", "p:foo", "foo"],
    ["an empty group member", "div,,p", "Empty"],
    ["an empty selector removes nothing", " ", "empty"],
  ])("%s", (_, selector, expected) => {
    const why = whyNotSelector(selector);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toContain(expected);
  });
});
