import { corpusFeeds, readCorpusText } from "./test/feed/corpus-files.js";
import { parseFeed } from "./src/feed/index.js";
function pyString(lit: string): string | null {
  const m = /^u?(['"])(.*)\1$/s.exec(lit.trim()); if (!m) return null;
  return m[2]!.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (/^[uUx]/.test(e) && e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"' } as any)[e] ?? "\\" + e;
  });
}
const stats: Record<string, [number, number]> = {};
const fails: string[] = [];
for (const name of corpusFeeds().filter((n) => n.startsWith("feedparser/"))) {
  const text = readCorpusText(name);
  const expect = /Expect:\s*(.*)/.exec(text)?.[1]?.trim(); if (!expect) continue;
  const r = parseFeed(text, { baseUrl: "http://example.com/feed.xml" }); if (!r.ok) continue;
  for (const clause of expect.split(/\s+and\s+/)) {
    const m = /^entries\[0\]\['(title|link|description|summary|id|guid)'\](\[0\]\['value'\])? == (u?'.*'|u?".*")$/.exec(clause) ?? /^entries\[0\]\['(content)'\]\[0\]\['value'\] == (u?'.*'|u?".*")$/.exec(clause);
    const f = /^feed\['(title)'\] == (u?'.*'|u?".*")$/.exec(clause);
    let field: string, exp: string | null, got: unknown;
    const e = r.value.entries[0];
    if (m) { field = m[1]!; exp = pyString(m[m.length - 1]!); got = !e ? undefined : field === "title" ? e.title : field === "link" ? e.link : field === "id" || field === "guid" ? e.guid : e.html; }
    else if (f) { field = "feed.title"; exp = pyString(f[2]!); got = r.value.meta.title; }
    else continue;
    const folder = name.split("/").slice(1, -1).join("/") + ":" + field;
    stats[folder] ??= [0, 0];
    stats[folder]![0]++;
    if (got === exp) stats[folder]![1]++; else fails.push(`${name} ${field}: ${JSON.stringify(exp)?.slice(0, 80)} vs ${JSON.stringify(got)?.slice(0, 80)}`);
  }
}
for (const [k, [n, ok]] of Object.entries(stats).sort()) console.log(k.padEnd(40), ok, "/", n);
console.log(fails.filter((f) => !f.includes("/sanitize/")).join("\n"));
