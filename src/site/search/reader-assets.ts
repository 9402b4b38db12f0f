// The browser files that search and the 简/繁 toggle need, and where each one comes from.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { THEME_URL } from "../theme-dir.js";

export interface ReaderAsset {
  /** Path under the site's assets folder. */
  name: string;
  /** Absolute path of the file to copy. */
  from: string;
}

const THEME_ASSETS = new URL("assets/", THEME_URL);

/**
 * Files the site build copies into its assets folder (all classic scripts, CSP script-src 'self').
 * The OpenCC converters are copied from the installed opencc-js package (not kept in theme/): the
 * toggle loads one of them only when a reader asks for a conversion.
 */
export function readerAssets(): ReaderAsset[] {
  // "opencc-js" resolves (require condition) to dist/umd/full.js; the two one-way builds sit beside it
  const umd = dirname(createRequire(import.meta.url).resolve("opencc-js"));
  const opencc = (file: string): string => join(umd, file);
  return [
    { name: "search-engine.js", from: fileURLToPath(new URL("search-engine.js", THEME_ASSETS)) },
    { name: "search.js", from: fileURLToPath(new URL("search.js", THEME_ASSETS)) },
    { name: "toggle.js", from: fileURLToPath(new URL("toggle.js", THEME_ASSETS)) },
    // t2cn: Traditional -> Simplified, 109 KB; cn2t: Simplified -> Traditional (Taiwan), 1.1 MB.
    { name: "opencc-t2cn.js", from: opencc("t2cn.js") },
    { name: "opencc-cn2t.js", from: opencc("cn2t.js") },
  ];
}
