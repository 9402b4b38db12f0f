// The Traditional-to-Simplified character table that folds text for the index and the query alike.
// Source: OpenCC's TSCharacters dictionary as shipped by opencc-js 1.4.2 (one "trad simp" pair per entry,
// about 3,500 pairs, 29 KB). Character pairs only, not OpenCC's phrase tables: a phrase rule could fold
// a query differently from the same characters inside a longer sentence, and then they would not match.

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

let table: string | undefined;

/** The table as OpenCC writes it: "㑯 㑔|㑳 㑇|...". Loaded once. */
export async function loadFoldTable(): Promise<string> {
  if (table !== undefined) return table;
  const url = pathToFileURL(createRequire(import.meta.url).resolve("opencc-js/dict/TSCharacters")).href;
  const module = (await import(url)) as { default?: unknown };
  if (typeof module.default !== "string") throw new Error(`opencc-js TSCharacters is not a string table: ${url}`);
  table = module.default;
  return table;
}
