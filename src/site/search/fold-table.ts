// The Traditional-to-Simplified character table that folds text for the index and the query alike.
// Source: OpenCC's TSCharacters dictionary as shipped by opencc-js 1.4.2 (one "trad simp" pair per entry,
// about 3,500 pairs, 29 KB). Character pairs only, not OpenCC's phrase tables: a phrase rule could fold
// a query differently from the same characters inside a longer sentence, and then they would not match.

import TSCharacters from "opencc-js/dict/TSCharacters";

/** The table as OpenCC writes it: "㑯 㑔|㑳 㑇|...". */
export async function loadFoldTable(): Promise<string> {
  return TSCharacters;
}
