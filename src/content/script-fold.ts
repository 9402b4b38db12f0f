// Folds Traditional Chinese characters to Simplified, one character at a time, for matching (not for display).
// Display conversion needs OpenCC's phrase tables (1 M chars/s here); matching only needs 詐騙 and 诈骗 to meet,
// and a character map does that at tens of millions of characters a second.
import TSCharacters from "opencc-js/dict/TSCharacters";
import TWVariantsRev from "opencc-js/dict/TWVariantsRev";
import HKVariantsRev from "opencc-js/dict/HKVariantsRev";

/** OpenCC's dictionaries: "src dst1 dst2|src dst|..." ; the first target is the standard one. */
function loadCharacterMap(dictionaries: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const dictionary of dictionaries) {
    for (const entry of dictionary.split("|")) {
      const [from, to] = entry.split(" ");
      // Only single-character entries (by code point: some are outside the BMP).
      if (from === undefined || to === undefined || [...from].length !== 1 || [...to].length !== 1) continue;
      if (!map.has(from)) map.set(from, to);
    }
  }
  return map;
}

// Regional variants first (臺 -> 台 via the Taiwan variants), then Traditional to Simplified.
const VARIANTS = loadCharacterMap([TWVariantsRev, HKVariantsRev]);
const TRADITIONAL_TO_SIMPLIFIED = loadCharacterMap([TSCharacters]);

/** The character-level map, for shipping to the browser (search folds queries the same way). */
export function simplifiedCharacterMap(): ReadonlyMap<string, string> {
  const merged = new Map<string, string>();
  for (const [from, to] of VARIANTS) merged.set(from, TRADITIONAL_TO_SIMPLIFIED.get(to) ?? to);
  for (const [from, to] of TRADITIONAL_TO_SIMPLIFIED) if (!merged.has(from)) merged.set(from, to);
  return merged;
}

/** A lookup table over the BMP (0 = unchanged): every mapped pair there is one UTF-16 unit to one. */
const FOLD_TABLE = ((): Uint16Array => {
  const table = new Uint16Array(0x10000);
  for (const [from, to] of simplifiedCharacterMap()) {
    if (from.length === 1 && to.length === 1) table[from.charCodeAt(0)] = to.charCodeAt(0);
  }
  return table;
})();

/** "詐騙 臺灣" -> "诈骗 台湾". Characters without a mapping are kept. */
export function foldToSimplified(text: string): string {
  const units = new Uint16Array(text.length);
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const folded = FOLD_TABLE[code] as number;
    units[i] = folded === 0 ? code : folded;
    if (folded !== 0) changed = true;
  }
  return changed ? new TextDecoder("utf-16le").decode(units) : text;
}
