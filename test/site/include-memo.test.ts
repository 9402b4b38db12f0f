// Tests src/site/include-memo.ts: a memoized include gives the bytes of a plain render, and only safe ones are memoized.
import { readFileSync } from "node:fs";
import { Context, Drop, Liquid } from "liquidjs";
import { describe, expect, it } from "vitest";
import { memoizeIncludes, memoPaths, readPath } from "../../src/site/include-memo.js";

const includes: Record<string, string> = {
  "nav.html": "<a href=\"{{ page.nav.home }}\">{{ site.title | escape }}</a>{% if site.toggle %}T{% endif %}{{ page.n | tally }}",
  "assign.html": "{% assign shown = page.title %}{{ shown }}",
  "url.html": "{{ 'assets/x.css' | relative_url }}",
  "param.html": "[{{ include.label }}]",
  "nested.html": "({% include nav.html %})",
  "dynamic.html": "{{ page[site.key] }}",
};
const layout = "{% include nav.html %}|{% include assign.html %}{{ shown }}|{% include url.html %}|{% include param.html label=page.title %}|{% include nested.html %}|{% include dynamic.html %}";

function liquidWith(memo: boolean): { liquid: Liquid; tallied: () => number } {
  let count = 0;
  const liquid = new Liquid({ templates: includes, jekyllInclude: true, dynamicPartials: false, cache: true });
  liquid.registerFilter("tally", (value: unknown) => {
    count++;
    return value;
  });
  liquid.registerFilter("relative_url", function (this: { context: { getSync(path: string[]): unknown } }, value: unknown) {
    return `${String(this.context.getSync(["page", "root"]))}${String(value)}`;
  });
  if (memo) memoizeIncludes(liquid, includes);
  return { liquid, tallied: () => count };
}

const scopes = [
  { site: { title: "A & B", toggle: true, key: "title" }, page: { title: "one", root: "../", nav: { home: "../index.html" }, n: 1 } },
  { site: { title: "A & B", toggle: true, key: "title" }, page: { title: "two", root: "../../", nav: { home: "../index.html" }, n: 1 } },
  { site: { title: "A & B", toggle: true, key: "title" }, page: { title: "three", root: "../", nav: { home: "../../index.html" }, n: 1 } },
  { site: { title: "A & B", toggle: false, key: "root" }, page: { title: "four", root: "./", nav: { home: "index.html" } } },
  { site: { title: "A & B", toggle: false, key: "root" }, page: { title: "five", root: "./", nav: { home: "index.html" }, n: null } },
  { site: { title: "A & B", toggle: false, key: "root" }, page: { title: "six", root: "./", nav: { home: "index.html" }, n: Number.NaN } },
];

describe("readPath", () => {
  class Greeting extends Drop {
    override liquidMethodMissing(key: string): unknown {
      return `hi ${key}`;
    }
  }
  const env = {
    site: { title: "t", items: [1, 2, 3], nested: { deep: { value: 0 } }, greet: new Greeting(), fn: () => "called", empty: null },
    page: { title: "p", nav: { home: "../index.html" } },
  };
  const paths = [["site", "title"], ["site", "items", "size"], ["site", "items", "first"], ["site", "items", "last"], ["site", "items", 1], ["site", "nested", "deep", "value"],
    ["site", "greet", "you"], ["site", "fn"], ["site", "empty", "x"], ["site", "missing", "x"], ["page", "nav", "home"], ["page", "title", "size"], ["nothing"], ["page"]];

  it("reads what getSync reads, from the innermost scope that has the name", () => {
    const liquid = new Liquid();
    const ctx = new Context(env, liquid.options);
    for (const path of paths) expect(readPath(ctx, path.map(String)), path.join(".")).toEqual(ctx.getSync(path));
    // A loop variable or an assignment named like a global hides it, for both.
    ctx.push({ page: { title: "shadow", nav: { home: "x" } } });
    for (const path of paths) expect(readPath(ctx, path.map(String)), path.join(".")).toEqual(ctx.getSync(path));
    expect(readPath(ctx, ["page", "title"])).toBe("shadow");
  });

  it("leaves strict variables to getSync, which throws for a missing one", () => {
    const liquid = new Liquid({ strictVariables: true });
    const ctx = new Context(env, liquid.options);
    expect(readPath(ctx, ["site", "title"])).toBe("t");
    expect(() => readPath(ctx, ["site", "missing"])).toThrow();
  });
});

describe("memoized includes", () => {
  it("render the bytes a plain render gives, page after page", () => {
    const plain = liquidWith(false);
    const memo = liquidWith(true);
    const plainTemplate = plain.liquid.parse(layout);
    const memoTemplate = memo.liquid.parse(layout);
    for (const scope of [...scopes, ...scopes]) expect(memo.liquid.renderSync(memoTemplate, scope)).toBe(plain.liquid.renderSync(plainTemplate, scope));
    // nav.html rendered once per distinct (nav.home, title, toggle, n), not once per page: 5 of 12 (the nested one too).
    expect(plain.tallied()).toBe(24);
    expect(memo.tallied()).toBe(5);
  });

  it("keys only plain values: an object or array read whole is rendered every time", () => {
    const sources = { "list.html": "{% for v in page.items %}[{{ v }}]{% endfor %}" };
    const liquid = new Liquid({ templates: sources, jekyllInclude: true, dynamicPartials: false, cache: true });
    memoizeIncludes(liquid, sources);
    const template = liquid.parse("{% include list.html %}");
    // As JSON both are [null]; rendered, NaN shows and null does not.
    expect(liquid.renderSync(template, { page: { items: [Number.NaN] } })).toBe("[NaN]");
    expect(liquid.renderSync(template, { page: { items: [null] } })).toBe("[]");
  });

  it("names what an include reads, and refuses one whose output or effects reach past its variables", () => {
    const liquid = new Liquid();
    expect(memoPaths(liquid, includes["nav.html"]!)?.map((path) => path.join(".")).sort()).toEqual(["page.n", "page.nav.home", "site.title", "site.toggle"]);
    expect(memoPaths(liquid, includes["url.html"]!)).toEqual([["page", "root"]]);
    expect(memoPaths(liquid, includes["assign.html"]!)).toBeNull();
    expect(memoPaths(liquid, includes["nested.html"]!)).toBeNull();
    expect(memoPaths(liquid, includes["dynamic.html"]!)).toBeNull();
    expect(memoPaths(liquid, "{% for i in (1..3) %}{% break %}{% endfor %}")).toBeNull();
    expect(memoPaths(liquid, "{% if x %}")).toBeNull();
    // Reads the analysis cannot see: an expression in a string, the clock, where the last loop stopped.
    expect(memoPaths(liquid, "{{ site.list | where_exp: 'p', 'p.x == page.x' | size }}")).toBeNull();
    expect(memoPaths(liquid, "{{ 'now' | date: '%H:%M' }}")).toBeNull();
    expect(memoPaths(liquid, "{% for p in site.list offset: continue limit: 2 %}{{ p }}{% endfor %}")).toBeNull();
  });

  it("memoizes the default theme's header and footer, not its head (the page title is in it)", () => {
    const liquid = new Liquid();
    const theme = (name: string): string => readFileSync(new URL(`../../theme/_includes/${name}`, import.meta.url), "utf8");
    expect(memoPaths(liquid, theme("header.html"))).not.toBeNull();
    expect(memoPaths(liquid, theme("footer.html"))).not.toBeNull();
    expect(memoPaths(liquid, theme("head.html"))).toContainEqual(["page", "title"]);
  });
});
