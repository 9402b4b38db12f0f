// The `sources list` table: site, url, enabled, and the options a source sets beyond the mirror's defaults.
import type { MirrorConfig, Source, SourceOptions } from "./index.js";
import { OPTION_FILE_KEYS } from "./option-schema.js";

const HEADERS = ["site", "url", "enabled", "options"] as const;

/** One line a source, columns padded by display width (CJK characters take two cells). */
export function formatSourceTable(config: Pick<MirrorConfig, "sources" | "defaults">): string {
  const rows = config.sources.map((source) => [
    source.site,
    source.url,
    source.enabled ? "yes" : "no",
    describeSetOptions(source, config.defaults),
  ]);
  return formatTable([[...HEADERS], ...rows]);
}

/** Rows as aligned columns two spaces apart (CJK counted two cells wide), the last column unpadded; ends in "\n". */
export function formatTable(table: readonly (readonly string[])[]): string {
  const columns = Math.max(0, ...table.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(...table.map((row) => displayWidth(row[column] ?? ""))));
  return table
    .map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : pad(cell, widths[column] ?? 0))).join("  ").trimEnd())
    .join("\n") + "\n";
}

/** "clean=false remove=div.SubscriptionInner": the options that differ from `defaults`, file names. */
export function describeSetOptions(source: Source, defaults: SourceOptions): string {
  const parts: string[] = [];
  for (const [field, key] of OPTION_FILE_KEYS) {
    if (field === "enabled") continue;
    const value = source[field];
    if (JSON.stringify(value) === JSON.stringify(defaults[field])) continue;
    parts.push(`${key}=${Array.isArray(value) ? value.join(",") : String(value)}`);
  }
  return parts.join(" ");
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Terminal cells a text takes: East Asian Wide and Fullwidth characters (Unicode UAX #11) take
 * two. The ranges are the blocks the corpus's site names use: CJK, kana, Hangul, fullwidth forms.
 */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}
