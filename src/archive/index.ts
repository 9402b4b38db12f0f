// The archive stage: posts on disk in the golden format, the URL ledger, revisions, the state store and the lock.

/*
 * A mirror folder on disk (the posts are the truth; everything else is rebuilt by `reindex` or re-fetched):
 *   _posts/<YYYY-MM-DD>-<title>.md  one post each, golden format; a different article with a taken name gets ` (2)`
 *   allurls.dat                     the original's ledger: one `new URL(link).href` a line, only appended to
 *   allguids.dat                    guids that differ from their link, one a line (feeds whose links change)
 *   revisions.jsonl                 headline edits of archived items: {at, link, fileName, oldTitle, newTitle, textChange, textSimilarity}
 *   .newsmirror/state.json          per-source state for `status` (validators, last success/error, next retry)
 *   .newsmirror/index.jsonl         derived: link key -> file name, latest title, content hash
 *   .newsmirror/incoming/           posts staged before they are linked into _posts/ (crash recovery)
 *   .newsmirror/lock                {pid, host, since}; stale when the pid is gone on this host or after 6 hours
 */
export type { ArchiveState, Post, PostFileChanges, PostInput, SourceState, WriteOutcome } from "./types.js";
export type { Archive, OpenOptions } from "./archive.js";
export type { ReindexReport } from "./reindex.js";
export type { ImportReport } from "./import-mirror.js";

/**
 * Formats a post exactly as golden/README.md lays it out (pure).
 * @example formatPost({ title, link, guid: null, author: site, site, published, html, runTime: new Date() }).fileName
 */
export { formatPost } from "./post-format.js";

/**
 * Reads a post back; never throws, a failure (`archive.bad-post`) names the file and field.
 * @example parsePost(text, "2023-12-07-王毅會緬甸外長談電信詐騙 一同表態堅決打擊.md")
 */
export { parsePost, parsePostBytes } from "./post-parse.js";

/**
 * The file name of a post: `YYYY-MM-DD-<title cut at 50>.md`, safe on every file system.
 * @example postFileName(new Date("2023-12-07T02:13:00Z"), "標題") // "2023-12-07-標題.md"
 */
export { postFileName } from "./file-name.js";

/**
 * The ledger key of a link: href without fragment and tracking parameters.
 * @example normalizeLink("https://a.example/1?utm_source=rss#x") // "https://a.example/1"
 */
export { normalizeLink } from "./link-key.js";

/**
 * Opens a mirror folder: takes the lock (`archive.locked` names its holder), loads ledger and state, and
 * finishes whatever a killed run left half done.
 * @example const archive = await openArchive("mirror"); if (archive.ok) await archive.value.close();
 */
export { openArchive } from "./archive.js";

/**
 * Rebuilds the derived state (index, missing ledger lines) from `_posts/`.
 * @example await reindex("mirror")
 */
export { reindex } from "./reindex.js";

/**
 * Takes over a mirror made by the original script, without duplicates.
 * @example await importMirror("old-mirror", "mirror")
 */
export { importMirror } from "./import-mirror.js";

/**
 * Every post in `_posts/`, in file-name order, as values or failures.
 * @example for await (const post of readPosts("mirror")) if (post.ok) console.log(post.value.title);
 */
export { readPosts } from "./read-posts.js";
