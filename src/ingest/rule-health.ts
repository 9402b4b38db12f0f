// Whether each boilerplate rule still finds something: a rule that matched none of a source's new articles for
// many runs in a row most likely broke when the site changed its markup (issue: "reported in newsmirror status").
import { rulesForUrl, rulesFromOptions } from "../content/index.js";

/** Runs with new articles in which a rule matched nothing before `status` reports it (about a day of hourly runs). */
export const RULE_STALE_RUNS = 24;

/** Rule name -> runs in a row (with new articles) that it matched nothing. Kept in the source's state. */
export type RuleMisses = Record<string, number>;

/** Collects, over one run of a source, which of the rules that applied to its new articles matched. */
export class RuleTally {
  private readonly applied = new Set<string>();
  private readonly matched = new Set<string>();

  record(link: string, extraSelectors: readonly string[], rulesMatched: readonly string[]): void {
    for (const rule of rulesForUrl(link)) this.applied.add(rule.name);
    for (const rule of rulesFromOptions(extraSelectors).rules) this.applied.add(rule.name);
    for (const name of rulesMatched) this.matched.add(name);
  }

  /** The misses after this run; a run without new articles changes nothing. */
  update(previous: RuleMisses | undefined): RuleMisses {
    const next: RuleMisses = { ...(previous ?? {}) };
    for (const name of this.applied) {
      if (this.matched.has(name)) delete next[name];
      else next[name] = (next[name] ?? 0) + 1;
    }
    return next;
  }
}

/** The rules of a state that have not matched for `RULE_STALE_RUNS` runs, with the count. */
export function staleRules(misses: unknown): Array<{ rule: string; runs: number }> {
  if (misses === null || typeof misses !== "object") return [];
  return Object.entries(misses as Record<string, unknown>)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number" && entry[1] >= RULE_STALE_RUNS)
    .map(([rule, runs]) => ({ rule, runs }))
    .sort((a, b) => b.runs - a.runs);
}
