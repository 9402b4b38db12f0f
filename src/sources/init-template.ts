// The files `newsmirror init` writes: the commented newsmirror.yml example and _config.yml.
import { stringify } from "yaml";

/**
 * newsmirror.yml as a new mirror gets it: every setting at its built-in default (the test of
 * this file checks that it loads to exactly DEFAULT_SOURCE_OPTIONS and DEFAULT_FETCH_SETTINGS),
 * the rest as comments. Comments sit where the `yaml` Document API writes them back unchanged
 * (checked by the test too), so editing the file with `sources add` moves nothing.
 */
export const MIRROR_YML_TEMPLATE = `# newsmirror.yml: the settings of this mirror. The feed list is subs.json (the original
# format: a list of { "site": ..., "url": ... }); sources may also be listed here, with options.
# Keys are snake_case and an unknown key is an error. \`newsmirror sources list\` checks this file.

# Options for every source; a source's own keys win over these. The others, at their defaults:
#   enabled: true
#   author: null      replaces the item author in posts
#   proxy: null       http://, https:// or socks5:// proxy, e.g. socks5://127.0.0.1:9050
#   user_agent: null
#   timezone: null    IANA zone for feed dates written without one, e.g. Asia/Shanghai
#   include: []       keep only items whose title, text or category has one of these
#   exclude: []       skip items whose title, text or category has one of these
#   remove: []        CSS selectors removed from every article
defaults:
  clean: true # false keeps each feed's HTML exactly as the original system did
  full_text: auto # always | auto | never: fetch the article's page for its full text
  images: mirror # mirror (copy into the site) | hotlink

# How feeds and pages are fetched.
fetch:
  concurrency: 8 # requests at once
  per_host: 2 # requests at once to one host
  timeout: 30 # seconds per request
  retries: 3 # retries of a timeout, 429 or 5xx
  max_bytes: 8388608 # largest feed or page accepted (8 MiB)

# Sources with options, for example:
#   - { site: "(臺)中央社CNA", url: "https://feedx.net/rss/cna.xml", clean: false, remove: ["div.SubscriptionInner"] }
#   - { url: "https://rsshub.app/bbc/chinese", proxy: "socks5://127.0.0.1:9050" }
# An entry whose url is also in subs.json adds options to that source (it may leave out site);
# its keys win over the subs.json entry's.
sources: []
`;

/** Jekyll's _config.yml: the site title, Taipei time as the existing mirrors use, their permalinks. */
export function formatJekyllConfig(title: string): string {
  return `${stringify({ title }).trimEnd()}\ntimezone: Asia/Taipei\npermalink: /:year-:month-:day/:title/\n`;
}
