// The one table from failure code to the sentence a person reads, with what to do next (STYLE rule 7).
import type { Failure } from "../result.js";

/** What to do about each failure code; the failure's own message says what happened and where. */
const ADVICE: ReadonlyMap<string, string> = new Map([
  ["fetch.bad-url", "fix this source's `url`: it must be an http(s) URL"],
  ["fetch.timeout", "the site may be slow or blocked here: it is retried next run; if it keeps failing, give this source a `proxy` in newsmirror.yml"],
  ["fetch.network", "the host could not be reached (blocked here?): give this source a `proxy` in newsmirror.yml, or set HTTPS_PROXY / ALL_PROXY"],
  ["fetch.status", "check the URL in a browser; a 403 or 451 usually means blocked here: give this source a `proxy`"],
  ["fetch.too-large", "the reply is over the size cap: raise `fetch.max_bytes` in newsmirror.yml if this is really a feed"],
  ["fetch.redirect-loop", "the site redirects in a loop: check the URL in a browser and update it"],
  ["fetch.proxy", "check the `proxy` setting (http://, https:// or socks5://HOST:PORT) and that the proxy is running"],
  ["fetch.aborted", "the run was stopped; the next run carries on"],
  ["feed.not-a-feed", "the URL gave something that is not a feed: open it in a browser and look for its RSS/Atom link"],
  ["feed.malformed", "the feed is broken beyond repair this time; it is retried next run"],
  ["feed.no-link", "the item cannot be archived without a link; nothing else of the feed is affected"],
  ["archive.locked", "another newsmirror run is working on this mirror; wait for it to finish (a lock left by a killed run expires by itself)"],
  ["archive.disk-full", "free some disk space, then run again: nothing written so far is lost"],
  ["archive.io", "check that the mirror folder is writable"],
  ["archive.bad-link", "the item is skipped; nothing else of the feed is affected"],
  ["archive.bad-post", "fix or remove the post file named above, then run `newsmirror reindex`"],
  ["site.config", "fix the line of _config.yml named above, then build again"],
  ["site.theme", "check the mirror's _layouts/ and _includes/ (a file named above is missing or unreadable)"],
  ["site.template", "fix the Liquid error in the layout named above (the mirror's own _layouts/ override the theme)"],
  ["site.io", "check that the output folder is writable; the next build finishes the job"],
  ["site.disk-full", "free some disk space, then build again: the posts are untouched"],
  ["site.no-mirror", "pass --dir to a mirror folder (one with _posts/), or run `newsmirror init`"],
  ["search.write", "check that the output folder is writable; the next build rewrites the search index"],
  ["search.state", "the search index state was unreadable: run `newsmirror build --full` to rebuild it"],
  ["sources.invalid", "fix the line named above, then run again"],
  ["sources.duplicate", "keep one of the two entries named above"],
  ["sources.unreadable", "check that the file exists and is readable"],
  ["sources.unwritable", "check that the mirror folder is writable; nothing was changed"],
  ["sources.missing", "run `newsmirror init` to create a mirror here, or pass --dir to an existing one"],
]);

/** One line: "source NAME: message; advice". */
export function describeFailure(failure: Failure): string {
  const where = failure.source !== undefined ? `source ${failure.source}: ` : "";
  const advice = ADVICE.get(failure.code);
  return `${where}${failure.message}${advice !== undefined ? `; ${advice}` : ""} [${failure.code}]`;
}
