// Rule health: a boilerplate rule that stops matching is counted run by run, and reset when it matches again.
import { describe, expect, it } from "vitest";
import { RULE_STALE_RUNS, RuleTally, staleRules } from "../../src/ingest/rule-health.js";

const CNA = "https://www.cna.com.tw/news/acn/202312070032.aspx";

describe("RuleTally", () => {
  it("counts a run in which a site rule applied to new articles but matched none", () => {
    const tally = new RuleTally();
    tally.record(CNA, [], []);
    const misses = tally.update({});
    expect(misses["www.cna.com.tw div.SubscriptionInner"]).toBe(1);
  });

  it("resets a rule when it matches again", () => {
    const tally = new RuleTally();
    tally.record(CNA, [], ["www.cna.com.tw div.SubscriptionInner"]);
    expect(tally.update({ "www.cna.com.tw div.SubscriptionInner": 30 })["www.cna.com.tw div.SubscriptionInner"]).toBeUndefined();
  });

  it("tracks a source's own remove selectors too", () => {
    const tally = new RuleTally();
    tally.record("https://news.example/1", [".ad-box"], []);
    expect(tally.update(undefined)).toEqual({ "remove .ad-box": 1 });
  });

  it("leaves the counts alone in a run without new articles", () => {
    expect(new RuleTally().update({ "remove .x": 3 })).toEqual({ "remove .x": 3 });
  });
});

describe("staleRules", () => {
  it.each([
    ["nothing stored", undefined, []],
    ["below the threshold", { "remove .x": RULE_STALE_RUNS - 1 }, []],
    ["at the threshold", { "remove .x": RULE_STALE_RUNS }, [{ rule: "remove .x", runs: RULE_STALE_RUNS }]],
    ["garbage in the state file", { "remove .x": "many" }, []],
  ])("%s", (_name, misses, expected) => {
    expect(staleRules(misses)).toEqual(expected);
  });
});
