// Hugo on the benchmark's posts (issue #3: "Hugo on equivalent minimal templates"): conversion, templates, timing.
//
// Each post of `_posts/` becomes `content/<source key>/<file>.html` with front matter title, date, author, site,
// from and the archive taxonomies `years`, `months`, `days`; the body is the post's article HTML, as the site
// stage shows it. Hugo 0.111 renders `.html` content files as they are (no goldmark; the "html" content format
// of https://gohugo.io/content-management/formats/), which is what newsmirror does with post HTML, so that is
// the default; `markup: "md"` writes `.md` files with `markup.goldmark.renderer.unsafe = true` for comparison.
// Only `hugo` itself is timed, each run with an empty `public/`, `resources/` and cache folder.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parsePost, type Post } from "../src/archive/index.js";
import { emptyTrash, setAside } from "./set-aside.js";

export type HugoMarkup = "html" | "md";

export interface HugoSample {
  ms: number;
  /** User plus system CPU time of `hugo` (GNU time %U + %S); steadier than wall time on a shared machine. */
  cpuMs: number;
  /** Peak resident memory of the `hugo` process (GNU time %M); 0 when /usr/bin/time is absent. */
  maxRssMb: number;
  /** Hugo's own "Pages" count: posts, home, sections, taxonomy and term pages; paginator pages not counted. */
  pages: number;
  /** Files written to `public/` (pages, paginator pages, RSS, sitemap, robots.txt, 404, style). */
  files: number;
}

/** Where the converted posts are recorded between calls: post file name to content file, source to key. */
interface Conversion {
  markup: HugoMarkup;
  posts: Record<string, string>;
  keys: Record<string, string>;
}

const STYLE = fileURLToPath(new URL("../theme/assets/style.css", import.meta.url));
/** GNU time: peak RSS in KB, user and system CPU seconds (time(1), "%M %U %S"). */
const GNU_TIME = "/usr/bin/time";
/** Posts are grouped by day in the site stage's default zone, Asia/Taipei: UTC+8 all year (no DST since 1979). */
const ZONE_OFFSET_MS = 8 * 3_600_000;

/**
 * The Hugo site around the content: the same pages as the site stage's `theme/` (home paginated by 50 and grouped
 * by day, one paginated list and one feed per source, sources index, post page with previous/next in its
 * source, archive by year, month and day, site-wide feed of 50 posts with full content, sitemap, robots.txt,
 * 404), one shared baseof, partials for the day list and pager.
 */
const SITE_FILES: Readonly<Record<string, string>> = {
  "config.toml": `baseURL = "https://mirror.example/"
languageCode = "zh-tw"
title = "newsmirror"
timeZone = "Asia/Taipei"
paginate = 50
rssLimit = 50
enableRobotsTXT = true
disableKinds = []
[taxonomies]
  year = "years"
  month = "months"
  day = "days"
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML"]
[markup.goldmark.renderer]
  unsafe = true
`,
  "layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">
{{ end }}</head>
<body class="{{ .Kind }}">
<header class="site">
<a class="brand" href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="網站"><a href="{{ "/sources/" | relURL }}">來源</a> <a href="{{ "/years/" | relURL }}">封存</a></nav>
</header>
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site"><p><a href="{{ "/index.xml" | relURL }}">RSS</a></p></footer>
</body>
</html>
`,
  "layouts/partials/post-list.html": `{{ range .GroupByDate "2006-01-02" }}<section class="day">
<h2><time datetime="{{ .Key }}">{{ .Key }}</time></h2>
<ul class="posts">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <a class="source" href="{{ .Parent.RelPermalink }}">{{ .Params.site }}</a> <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "15:04" }}</time></li>
{{ end }}</ul>
</section>
{{ end }}`,
  "layouts/partials/pager.html": `{{ with .Paginator }}{{ if or .HasPrev .HasNext }}<nav class="pager" aria-label="分頁">
{{ with .Prev }}<a data-key="prev" href="{{ .URL }}">← 較新</a>{{ end }}
{{ with .Next }}<a data-key="next" href="{{ .URL }}">較舊 →</a>{{ end }}
</nav>
{{ end }}{{ end }}`,
  "layouts/index.html": `{{ define "main" }}{{ $pager := .Paginate site.RegularPages }}{{ partial "post-list.html" $pager.Pages }}{{ partial "pager.html" . }}{{ end }}
`,
  "layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .OutputFormats.Get "rss" }}<p class="feeds"><a href="{{ .RelPermalink }}">RSS</a></p>
{{ end }}{{ $pager := .Paginate .Pages }}{{ partial "post-list.html" $pager.Pages }}{{ partial "pager.html" . }}{{ end }}
`,
  "layouts/sources/list.html": `{{ define "main" }}<h1>來源</h1>
<table class="sources">
<thead><tr><th scope="col">來源</th><th scope="col">文章</th><th scope="col">最後更新</th><th scope="col">訂閱</th></tr></thead>
<tbody>
{{ range site.Sections }}{{ if ne .Section "sources" }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td class="count">{{ len .Pages }}</td><td><time datetime="{{ .Lastmod.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Lastmod.Format "2006-01-02 15:04" }}</time></td><td>{{ with .OutputFormats.Get "rss" }}<a href="{{ .RelPermalink }}">RSS</a>{{ end }}</td></tr>
{{ end }}{{ end }}</tbody>
</table>
{{ end }}
`,
  "layouts/_default/single.html": `{{ define "main" }}<article class="post">
<header>
<h1>{{ .Title }}</h1>
<p class="meta"><a href="{{ .Parent.RelPermalink }}">{{ .Params.site }}</a> · <span class="author">{{ .Params.author }}</span> · <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02 15:04" }}</time>{{ with .Params.from }} · <a class="original" href="{{ . }}" rel="noopener noreferrer">原文</a>{{ end }}</p>
</header>
<div class="post-body">
{{ .Content }}
</div>
</article>
<nav class="post-nav" aria-label="同一來源的文章">
{{ with .NextInSection }}<a data-key="prev" rel="prev" href="{{ .RelPermalink }}">← {{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a data-key="next" rel="next" href="{{ .RelPermalink }}">{{ .Title }} →</a>{{ end }}
</nav>
{{ end }}
`,
  // The archive index is /years/; /months/ and /days/ are made by Hugo for every taxonomy.
  "layouts/_default/terms.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="archive">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }}</span></li>
{{ end }}</ul>
{{ end }}
`,
  // A year lists its months, a month its days (with counts); a day lists its posts, 50 a page.
  "layouts/_default/term.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ if eq .Data.Plural "years" }}<ul class="archive">
{{ range .Pages.GroupByDate "2006-01" "asc" }}<li><a href="{{ printf "/months/%s/" .Key | relURL }}">{{ .Key }}</a> <span class="count">{{ len .Pages }}</span></li>
{{ end }}</ul>
{{ else if eq .Data.Plural "months" }}<ul class="archive">
{{ range .Pages.GroupByDate "2006-01-02" "asc" }}<li><a href="{{ printf "/days/%s/" .Key | relURL }}">{{ .Key }}</a> <span class="count">{{ len .Pages }}</span></li>
{{ end }}</ul>
{{ else }}{{ $pager := .Paginate .Pages }}{{ partial "post-list.html" $pager.Pages }}{{ partial "pager.html" . }}{{ end }}{{ end }}
`,
  // Hugo's default RSS template with .Content instead of .Summary (issue #3: feeds carry full content).
  "layouts/_default/rss.xml": `{{- $pages := .RegularPages -}}{{- if .IsHome }}{{ $pages = site.RegularPages }}{{ end -}}
{{- $pages = $pages | first site.Config.Services.RSS.Limit -}}
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\" standalone=\\"yes\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link>{{ .Permalink }}</link>
<language>{{ site.LanguageCode }}</language>
{{ if not .Date.IsZero }}<lastBuildDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</lastBuildDate>
{{ end }}{{ with .OutputFormats.Get "RSS" }}<atom:link href="{{ .Permalink }}" rel="self" type="application/rss+xml" />
{{ end }}{{ range $pages }}<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
<author>{{ .Params.author }}</author>
<guid>{{ .Permalink }}</guid>
<description>{{ .Content | html }}</description>
</item>
{{ end }}</channel>
</rss>
`,
  "layouts/404.html": `{{ define "main" }}<h1>找不到這一頁</h1>
<p>這個網址沒有文章。請從<a href="{{ "/" | relURL }}">首頁</a>或<a href="{{ "/years/" | relURL }}">封存</a>找找看。</p>
{{ end }}
`,
};

/** The `hugo` on PATH, or null. */
export function findHugo(): string | null {
  for (const folder of (process.env["PATH"] ?? "").split(delimiter)) {
    if (folder !== "" && existsSync(join(folder, "hugo"))) return join(folder, "hugo");
  }
  return null;
}

/**
 * A full Hugo build of the posts in `postsDir`, converted into `workDir` (kept between calls: only new posts are
 * converted again, posts gone from `postsDir` are removed). Null when `hugo` is not installed.
 * @example hugoBenchmark("/tmp/newsmirror-bench-site-10000/_posts", "/tmp/newsmirror-bench-site-10000/hugo")
 */
export function hugoBenchmark(postsDir: string, workDir: string, markup: HugoMarkup = "html"): HugoSample | null {
  const hugo = findHugo();
  if (hugo === null) return null;
  prepareSite(postsDir, workDir, markup);
  return runHugo(hugo, workDir);
}

/**
 * The build after posts were added to `postsDir`. Hugo has no incremental build outside `hugo server` (which
 * keeps the site in memory while it watches), so a mirror adding posts rebuilds in full: this converts the new
 * posts and runs a full build again.
 */
export function hugoAfterNewPosts(postsDir: string, workDir: string, markup: HugoMarkup = "html"): HugoSample | null {
  return hugoBenchmark(postsDir, workDir, markup);
}

/** The templates, config and converted posts of `workDir`, brought up to date with `postsDir`. */
function prepareSite(postsDir: string, workDir: string, markup: HugoMarkup): void {
  const manifestFile = join(workDir, "converted.json");
  let conversion: Conversion = { markup, posts: {}, keys: {} };
  if (existsSync(manifestFile)) {
    const saved = JSON.parse(readFileSync(manifestFile, "utf8")) as Conversion;
    if (saved.markup === markup) conversion = saved;
  }
  if (Object.keys(conversion.posts).length === 0) rmSync(join(workDir, "content"), { recursive: true, force: true });
  writeTemplates(workDir);
  const names = readdirSync(postsDir).filter((name) => name.endsWith(".md"));
  const wanted = new Set(names);
  for (const [name, file] of Object.entries(conversion.posts)) {
    if (wanted.has(name)) continue;
    rmSync(join(workDir, "content", file), { force: true });
    delete conversion.posts[name];
  }
  for (const name of names) {
    if (conversion.posts[name] !== undefined) continue;
    const parsed = parsePost(readFileSync(join(postsDir, name), "utf8"), name);
    // A post the archive cannot read is left out, as the site stage reports and skips it.
    if (!parsed.ok) continue;
    const file = `${sourceKey(conversion, workDir, parsed.value.site)}/${name.replace(/\.md$/, `.${markup}`)}`;
    writeFileSync(join(workDir, "content", file), hugoContent(parsed.value));
    conversion.posts[name] = file;
  }
  writeFileSync(manifestFile, JSON.stringify(conversion));
}

/** The section folder of a source: its name slugified; its `_index.html` gives the section its title. */
function sourceKey(conversion: Conversion, workDir: string, site: string): string {
  const known = conversion.keys[site];
  if (known !== undefined) return known;
  const taken = new Set(Object.values(conversion.keys));
  const base = site.toLowerCase().replace(/[^\p{L}\p{M}\p{Nd}]+/gu, "-").replace(/^-|-$/g, "") || "source";
  let key = base === "sources" ? "sources-1" : base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  conversion.keys[site] = key;
  mkdirSync(join(workDir, "content", key), { recursive: true });
  writeFileSync(join(workDir, "content", key, "_index.html"), `---\ntitle: ${JSON.stringify(site)}\n---\n`);
  return key;
}

/** One content file: YAML front matter (JSON strings are YAML double-quoted scalars) and the article HTML. */
export function hugoContent(post: Post): string {
  const local = new Date(post.date.getTime() + ZONE_OFFSET_MS).toISOString().slice(0, 19);
  const day = local.slice(0, 10);
  return [
    "---",
    `title: ${JSON.stringify(post.title)}`,
    // The same instant written with Taipei's offset, so Hugo's day grouping and times are in the site's zone.
    `date: ${local}+08:00`,
    `author: ${JSON.stringify(post.author)}`,
    `site: ${JSON.stringify(post.site)}`,
    `from: ${JSON.stringify(post.from)}`,
    `years: ["${day.slice(0, 4)}"]`,
    `months: ["${day.slice(0, 7)}"]`,
    `days: ["${day}"]`,
    "---",
    post.html,
    "",
  ].join("\n");
}

/** Config, layouts and the style sheet. */
function writeTemplates(workDir: string): void {
  mkdirSync(join(workDir, "content", "sources"), { recursive: true });
  // The sources index is the `sources` section's page (layouts/sources/list.html), without a feed.
  writeFileSync(join(workDir, "content", "sources", "_index.html"), `---\ntitle: "來源"\noutputs: ["HTML"]\n---\n`);
  for (const [file, text] of Object.entries(SITE_FILES)) {
    mkdirSync(dirname(join(workDir, file)), { recursive: true });
    writeFileSync(join(workDir, file), text);
  }
  mkdirSync(join(workDir, "static"), { recursive: true });
  writeFileSync(join(workDir, "static", "style.css"), readFileSync(STYLE));
}

/** One timed `hugo` run with an empty destination (the last one set aside, as newsmirror's) and a new cache folder. */
function runHugo(hugo: string, workDir: string): HugoSample {
  const publicDir = join(workDir, "public");
  setAside(publicDir);
  rmSync(join(workDir, "resources"), { recursive: true, force: true });
  const cacheDir = mkdtempSync(join(tmpdir(), "newsmirror-hugo-cache-"));
  const args = ["--source", workDir, "--destination", publicDir, "--cacheDir", cacheDir, "--cleanDestinationDir"];
  const timed = existsSync(GNU_TIME);
  const started = performance.now();
  const run = timed
    ? spawnSync(GNU_TIME, ["-f", "%M %U %S", hugo, ...args], { encoding: "utf8", maxBuffer: 64 << 20 })
    : spawnSync(hugo, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = performance.now() - started;
  rmSync(cacheDir, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`hugo failed in ${workDir} (exit ${run.status}):\n${run.stderr.slice(-4000)}`);
  // GNU time's line is the last of stderr: "812345 21.30 1.95".
  const usage = timed ? /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr) : null;
  return {
    ms: Math.round(ms),
    cpuMs: usage ? Math.round((Number(usage[2]) + Number(usage[3])) * 1000) : 0,
    maxRssMb: usage ? Math.round(Number(usage[1]) / 1024) : 0,
    // Hugo's summary table: "Pages            | 12345".
    pages: Number(/^\s*Pages\s*\|\s*(\d+)/m.exec(run.stdout)?.[1] ?? 0),
    files: countFiles(publicDir),
  };
}

function countFiles(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) count++;
  return count;
}

/** `npx tsx bench/hugo.ts POSTS_DIR [html|md]`: one run, for measuring the two markups by hand. */
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const postsDir = process.argv[2];
  const markup = process.argv[3] === "md" ? "md" : "html";
  if (postsDir === undefined) {
    console.error("usage: npx tsx bench/hugo.ts POSTS_DIR [html|md]  (POSTS_DIR: a mirror's _posts/ folder)");
    process.exitCode = 2;
  } else {
    const sample = hugoBenchmark(postsDir, join(dirname(postsDir), `hugo-${markup}`), markup);
    console.log(sample === null ? "hugo not installed" : JSON.stringify(sample));
    emptyTrash();
  }
}
