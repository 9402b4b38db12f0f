// The theme: Liquid layouts and includes (the mirror's own `_layouts/`, `_includes/` first, as in Jekyll),
// compiled once, and the static assets to copy.
import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { Liquid, TokenKind, Tokenizer, type TagToken, type Template } from "liquidjs";
import { fail, ok, type Result } from "../result.js";
import { articleText } from "./article-html.js";
import { memoizeIncludes } from "./include-memo.js";
import { DEFAULT_THEME_DIR } from "./theme-dir.js";

interface Layout {
  name: string;
  parent: string | null;
  template: Template[];
  /** Front matter values other than `layout`, seen by templates as `layout.*` (Jekyll). */
  data: Record<string, string>;
}

export interface Theme {
  liquid: Liquid;
  layouts: Map<string, Layout>;
  /** Site path ("assets/style.css") to absolute file and content hash. */
  assets: Array<{ path: string; file: string; hash: string }>;
  /** Hash of every layout, include and asset: a change re-renders the whole site. */
  hash: string;
  /** Whether every layout and include uses `content` only as `{{ content }}` (`renderAroundBytes`). */
  plainContent: boolean;
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Reads `{name: file}` for a folder, keyed by the path inside it with "/" separators. */
async function readFolder(dirs: string[]): Promise<Map<string, { file: string; text: Buffer }>> {
  const files = new Map<string, { file: string; text: Buffer }>();
  // Later folders win: the theme first, then the mirror's own overrides.
  for (const dir of dirs) {
    for (const file of await listFiles(dir)) files.set(relative(dir, file).split(sep).join("/"), { file, text: await readFile(file) });
  }
  return files;
}

/** Splits Jekyll front matter off a layout; returns its simple `key: value` lines. */
function splitFrontMatter(text: string): { data: Record<string, string>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*\r?\n?/.exec(text);
  if (!match) return { data: {}, body: text };
  const data: Record<string, string> = {};
  for (const line of match[1]!.split(/\r?\n/)) {
    const pair = /^([A-Za-z_][\w-]*):\s*(.*?)\s*$/.exec(line);
    if (pair) data[pair[1]!] = pair[2]!.replace(/^["']|["']$/g, "");
  }
  return { data, body: text.slice(match[0].length) };
}

/**
 * Whether `sources` use the variable `content` only as a plain `{{ content }}`: a page made with a stand-in for it
 * then holds the content's bytes where the stand-in is. Liquid's own tokenizer finds the tags and outputs (a
 * `"}}"` in a string does not end one): every output that names `content` must be exactly that, no tag may name
 * it (a test, a loop, an assignment, an include parameter, `{% liquid %}`), and no `capture` may take an output
 * into a variable that filters could then measure. Naming is by word, so `page.content` or a string "content"
 * count too: that only turns the splice off.
 */
export function usesContentPlainly(liquid: Liquid, sources: Iterable<string>): boolean {
  for (const source of sources) {
    try {
      for (const token of new Tokenizer(source, liquid.options.operators).readTopLevelTokens(liquid.options)) {
        if (token.kind === TokenKind.Tag) {
          const tag = token as TagToken;
          if (tag.name === "capture" || /\bcontent\b/.test(tag.args)) return false;
        } else if (token.kind === TokenKind.Output) {
          const output = (token as unknown as { content: string }).content;
          if (output !== "content" && /\bcontent\b/.test(output)) return false;
        }
      }
    } catch {
      return false;
    }
  }
  return true;
}

/** Jekyll's `relative_url`, made relative to the page (its `page.root`), so the site works under any path. */
function relativeUrlFilter(this: { context: { getSync(paths: PropertyKey[]): unknown } }, value: unknown): string {
  const root = String(this.context.getSync(["page", "root"]) ?? "./");
  const path = String(value ?? "");
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(path)) return path;
  return root + path.replace(/^\/+/, "");
}

function absoluteUrlFilter(this: { context: { getSync(paths: PropertyKey[]): unknown } }, value: unknown): string {
  const base = String(this.context.getSync(["site", "url"]) ?? "") + String(this.context.getSync(["site", "baseurl"]) ?? "");
  const path = String(value ?? "");
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(path)) return path;
  return `${base}/${path.replace(/^\/+/, "")}`;
}

/**
 * Loads the theme at `themeDir` with the mirror's overrides from `mirrorDir` (`_layouts/`, `_includes/`,
 * `assets/`). A layout that does not compile is a failure naming the file and what Liquid said.
 */
export async function loadTheme(mirrorDir: string, themeDir = DEFAULT_THEME_DIR, extraAssets: Array<{ path: string; file: string }> = []): Promise<Result<Theme>> {
  let layoutFiles: Map<string, { file: string; text: Buffer }>;
  let includeFiles: Map<string, { file: string; text: Buffer }>;
  let assetFiles: Map<string, { file: string; text: Buffer }>;
  try {
    layoutFiles = await readFolder([join(themeDir, "_layouts"), join(mirrorDir, "_layouts")]);
    includeFiles = await readFolder([join(themeDir, "_includes"), join(mirrorDir, "_includes")]);
    assetFiles = await readFolder([join(themeDir, "assets"), join(mirrorDir, "assets")]);
    for (const extra of extraAssets) {
      const name = extra.path.replace(/^assets\//, "");
      if (!assetFiles.has(name)) assetFiles.set(name, { file: extra.file, text: await readFile(extra.file) });
    }
  } catch (error) {
    return fail({ code: "site.theme", message: `cannot read the theme: ${(error as Error).message}`, cause: error });
  }
  const hash = createHash("sha1");
  const templates: Record<string, string> = {};
  for (const [name, { text }] of includeFiles) {
    templates[name] = text.toString("utf8");
    hash.update(`include ${name}\0`).update(text);
  }
  const liquid = new Liquid({ templates, jekyllInclude: true, dynamicPartials: false, cache: true, strictFilters: false });
  liquid.registerFilter("relative_url", relativeUrlFilter);
  liquid.registerFilter("absolute_url", absoluteUrlFilter);
  memoizeIncludes(liquid, templates);
  const layouts = new Map<string, Layout>();
  const layoutSources: string[] = [];
  for (const [name, { file, text }] of layoutFiles) {
    hash.update(`layout ${name}\0`).update(text);
    const { data, body } = splitFrontMatter(text.toString("utf8"));
    layoutSources.push(body);
    try {
      const key = name.replace(/\.[^.]*$/, "");
      const { layout, ...rest } = data;
      layouts.set(key, { name: key, parent: layout && layout !== "none" && layout !== "null" ? layout : null, template: liquid.parse(body, file), data: rest });
    } catch (error) {
      return fail({ code: "site.theme", file, message: `${file}: the layout does not compile: ${(error as Error).message.split("\n")[0]}` });
    }
  }
  const assets = [...assetFiles].map(([name, { file, text }]) => {
    const contentHash = createHash("sha1").update(text).digest("base64url");
    hash.update(`asset ${name} ${contentHash}\0`);
    return { path: `assets/${name}`, file, hash: contentHash };
  });
  const plainContent = usesContentPlainly(liquid, [...layoutSources, ...Object.values(templates)]);
  return ok({ liquid, layouts, assets, hash: hash.digest("base64url"), plainContent });
}

/**
 * Renders `content` through the layout `name` and its parents (Jekyll's `layout:` chain); a missing layout
 * renders the content alone, as Jekyll does after its warning. Throws only on template runtime errors.
 */
export function renderWithLayouts(theme: Theme, name: string, content: string, scope: Record<string, unknown>): string {
  let html = content;
  const seen = new Set<string>();
  let layout = theme.layouts.get(name);
  while (layout && !seen.has(layout.name)) {
    seen.add(layout.name);
    html = theme.liquid.renderSync(layout.template, { ...scope, content: html, layout: layout.data }) as string;
    layout = layout.parent ? theme.layouts.get(layout.parent) : undefined;
  }
  return html;
}

/** Stands for a post's content in `renderAroundBytes`: no page holds it otherwise (a NUL and 18 random bytes). */
const CONTENT_MARK = `\u0000content:${randomBytes(18).toString("base64url")}\u0000`;

/**
 * `renderWithLayouts` with the content as UTF-8 bytes: the layouts are rendered with a stand-in, and the page is
 * the bytes before it, the content's own and the bytes after it (parts, written one after another), so the content
 * is never decoded nor encoded again, nor copied into one buffer.
 * The same bytes as rendering its text (`theme.plainContent` holds, and the stand-in came out once); otherwise
 * that is what it does.
 */
export function renderAroundBytes(theme: Theme, name: string, content: Uint8Array, scope: Record<string, unknown>): Uint8Array[] {
  if (theme.plainContent) {
    const page = renderWithLayouts(theme, name, CONTENT_MARK, scope);
    const at = page.indexOf(CONTENT_MARK);
    if (at !== -1 && page.indexOf(CONTENT_MARK, at + 1) === -1) {
      return [Buffer.from(page.slice(0, at)), content, Buffer.from(page.slice(at + CONTENT_MARK.length))];
    }
  }
  return [Buffer.from(renderWithLayouts(theme, name, articleText(content), scope))];
}
