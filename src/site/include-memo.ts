// Includes whose output depends on a few values only (the default header and footer: the site's title, description
// and toggle, and the page's depth) are rendered once per distinct set of those values instead of once per page.
//
// liquidjs runs every tag as a generator: the header and footer cost about 55 µs of a post page's 230 µs on this
// machine, for the same bytes on every page of one depth. An include is memoized only when Liquid's own static
// analysis names every variable it reads as a fixed path, and its tags can have no effect outside it (no assign,
// capture, counters, cycle, nested include or break); it must be called without parameters. The key is the JSON of
// those variables' values, so a different value renders anew: the bytes are those of a plain render.
import { analyzeSync, IncludeTag, type Context, type Emitter, type Liquid, type Template } from "liquidjs";

/** Tags that only choose or repeat output inside the include. */
const PURE_TAGS = new Set(["if", "elsif", "else", "endif", "unless", "endunless", "case", "when", "endcase", "for", "endfor", "comment", "endcomment", "raw", "endraw", "#"]);
/**
 * What the analysis cannot see: the `*_exp` filters evaluate a string against the whole context, `"now" | date`
 * reads the clock, and `offset: continue` reads where the last loop over the same items stopped.
 */
const HIDDEN_READS = /_exp\b|["'](?:now|today)["']|\boffset\s*:/;
/** Filters of ours that read the context besides their input (theme.ts), and what they read. */
const CONTEXT_FILTERS: ReadonlyArray<[RegExp, string[][]]> = [
  [/\brelative_url\b/, [["page", "root"]]],
  [/\babsolute_url\b/, [["site", "url"], ["site", "baseurl"]]],
];
/** Distinct keys kept per include; past it the memo starts again (a key that varies per page gains nothing). */
const MAX_KEYS = 256;
/** A key this long (a whole article, say) is not worth keeping. */
const MAX_KEY_CHARS = 2048;

/** Values a key can hold: JSON tells them apart once undefined, NaN and Infinity are spelled out. */
type KeyValue = string | number | boolean | null | undefined;

function isKeyValue(value: unknown): value is KeyValue {
  return value === null || value === undefined || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** A value as JSON tells it apart: undefined from null, NaN and Infinity from null and each other. */
function valueKey(value: KeyValue): unknown {
  if (value === undefined) return 0;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return [value];
}

/** The variable paths an include's output depends on, or null when it cannot be memoized. */
export function memoPaths(liquid: Liquid, source: string): string[][] | null {
  if (HIDDEN_READS.test(source)) return null;
  for (const match of source.matchAll(/\{%-?\s*([A-Za-z_#]\w*)/g)) if (!PURE_TAGS.has(match[1]!)) return null;
  let templates: Template[];
  try {
    templates = liquid.parse(source);
  } catch {
    return null;
  }
  const paths: string[][] = [];
  const seen = new Set<string>();
  const add = (path: string[]): void => {
    const key = JSON.stringify(path);
    if (!seen.has(key)) {
      seen.add(key);
      paths.push(path);
    }
  };
  for (const variables of Object.values(analyzeSync(templates, { partials: false }).globals)) {
    for (const variable of variables) {
      // `a[b]` reads a path known only at render time.
      if (!variable.segments.every((segment) => typeof segment === "string" || typeof segment === "number")) return null;
      add(variable.segments.map(String));
    }
  }
  for (const [pattern, read] of CONTEXT_FILTERS) if (pattern.test(source)) read.forEach(add);
  return paths;
}

/** What `Context.findScope` does (private in liquidjs' types): the innermost scope that has `key`. */
type ScopeFinder = { findScope?: (key: PropertyKey) => unknown };

/**
 * `ctx.getSync(path)` without its generators: each step is the same `readProperty`, from the same scope. getSync
 * runs a generator per path and per step; for the six paths of the default header that was 340 ms of a 10,000-post
 * build. A step that gives an iterator (a drop's or a function's, which getSync would run), or a thenable (kept
 * out of keys either way), strict variables, or a liquidjs without `findScope` (private in its types; pinned)
 * leave the whole path to getSync, which then calls such a function or drop a second time: the site's scopes are
 * plain data, so only a mirror's own drop could notice.
 */
export function readPath(ctx: Context, path: readonly string[]): unknown {
  const find = (ctx as unknown as ScopeFinder).findScope;
  if (ctx.strictVariables || typeof find !== "function") return ctx.getSync([...path]);
  let value: unknown = find.call(ctx, path[0]!);
  for (const key of path) {
    value = ctx.readProperty(value as Record<string, unknown>, key);
    if (value !== null && typeof value === "object" && (typeof (value as { next?: unknown }).next === "function" || typeof (value as { then?: unknown }).then === "function")) return ctx.getSync([...path]);
  }
  return value;
}

/**
 * Registers an `include` tag on `liquid` that memoizes the includes in `sources` (name to Liquid source) that
 * `memoPaths` accepts; others render as liquidjs' own include does.
 */
export function memoizeIncludes(liquid: Liquid, sources: Record<string, string>): void {
  const plans = new Map<string, { paths: string[][]; memo: Map<string, string> }>();
  for (const [name, source] of Object.entries(sources)) {
    const paths = memoPaths(liquid, source);
    if (paths !== null) plans.set(name, { paths, memo: new Map() });
  }
  class MemoInclude extends IncludeTag {
    /** The plan of this tag's include, looked up once (null: none); the tag's file and arguments never change. */
    private memoPlan: { paths: string[][]; memo: Map<string, string> } | null | undefined;

    override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
      if (this.memoPlan === undefined) {
        const file = this.partialScope()?.name;
        // Only `{% include name %}`: parameters (`include.*`) and `with` are values of the caller's.
        this.memoPlan = (typeof file === "string" && this.token.args.trim() === file ? plans.get(file) : undefined) ?? null;
      }
      const plan = this.memoPlan;
      let key: string | undefined;
      try {
        // Only plain values make a key: the JSON of an object or array hides what renders differently (undefined
        // or NaN inside it, a Date and its text, a Map, a drop's own output).
        const values = plan && typeof emitter.buffer === "string" ? plan.paths.map((path) => readPath(ctx, path)) : undefined;
        key = values?.every(isKeyValue) ? JSON.stringify(values.map(valueKey)) : undefined;
      } catch {
        key = undefined;
      }
      if (plan === null || key === undefined || key.length > MAX_KEY_CHARS) {
        yield* super.render(ctx, emitter);
        return;
      }
      const kept = plan.memo.get(key);
      if (kept !== undefined) {
        emitter.write(kept);
        return;
      }
      const before = emitter.buffer.length;
      yield* super.render(ctx, emitter);
      if (plan.memo.size >= MAX_KEYS) plan.memo.clear();
      plan.memo.set(key, emitter.buffer.slice(before));
    }
  }
  liquid.registerTag("include", MemoInclude);
}
