// A mirror for listing tests: three posts in `_posts/` and a manifest whose index holds the first two.
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { saveManifest } from "../../src/site/manifest.js";
import type { PostSummary } from "../../src/site/post-record.js";

/** Posts a, b and c in `dir/_posts/`, a manifest in `dir/.newsmirror/site/` that indexes a and b. */
export async function indexedMirror(dir: string): Promise<{ postsDir: string; manifestDir: string }> {
  const postsDir = join(dir, "_posts");
  const manifestDir = join(dir, ".newsmirror", "site");
  mkdirSync(postsDir, { recursive: true });
  for (const file of ["2024-01-01-a.md", "2024-01-02-b.md", "2024-01-03-c.md"]) writeFileSync(join(postsDir, file), `---\ntitle: ${file}\n---\n`);
  const indexed: PostSummary[] = ["2024-01-01-a.md", "2024-01-02-b.md"].map((fileName, i) => {
    const stat = statSync(join(postsDir, fileName));
    return { fileName, size: stat.size, mtimeMs: stat.mtimeMs, title: fileName, time: i, author: "", site: "s", from: "", comments: false, categories: [], lang: "", hash: "h", url: `/${i}/`, path: `${i}/index.html`, day: "2024-01-01" };
  });
  await saveManifest(manifestDir, { out: "/out", placeKey: "k", siteHash: "h", pages: new Map(), posts: new Map(indexed.map((p) => [p.fileName, p])), movedAside: new Map() }, { placed: indexed, linked: 0 });
  return { postsDir, manifestDir };
}
