// Post file names: the original `YYYY-MM-DD-<title cut at 50>.md` rule, made safe for every file system.
import { removeControlChars, toWellFormed } from "./text-clean.js";

/** The original writer cut the (quote-escaped) title at 50 UTF-16 units (original-script.md). */
const TITLE_CUT = 50;

/** Longest file name most file systems accept, in UTF-8 bytes (ext4, APFS, NTFS: 255). */
const MAX_NAME_BYTES = 255;

/** Room kept for a collision suffix such as ` (12345)`, so a suffixed name still fits. */
const SUFFIX_ROOM = 16;

/**
 * Characters Windows and macOS reserve in file names (Win32 "Naming Files, Paths, and Namespaces"), mapped to
 * their full-width forms so the name stays readable; `/` keeps the original `--`. The original writer's `\"`
 * for a quote becomes one full-width quote.
 */
const RESERVED = new Map<string, string>([
  ['\\"', "＂"],
  ["/", "--"],
  ["\\", "＼"],
  [":", "："],
  ["*", "＊"],
  ["?", "？"],
  ["<", "＜"],
  [">", "＞"],
  ["|", "｜"],
  ['"', "＂"],
]);
const RESERVED_PATTERN = /\\"|[/\\:*?<>|"]/g;

/** Invisible characters that would make two names look alike or reorder them on screen (Unicode bidi and line separators). */
const INVISIBLE = /[\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;

/**
 * The file name of a post: `2023-12-07-<title>.md`, where `titleText` is the front-matter title (control
 * characters and the first `...` already removed). Never longer than 255 bytes, never a path.
 * @example postFileName(new Date("2023-12-07T02:13:00Z"), "王毅會緬甸外長談電信詐騙 一同表態堅決打擊")
 */
export function postFileName(date: Date, titleText: string): string {
  const escaped = toWellFormed(removeControlChars(titleText)).replace(/"/g, '\\"');
  let cut = cutUnits(escaped, TITLE_CUT);
  // A cut between `\` and `"` would leave half an escape behind.
  if (cut.endsWith("\\") && escaped[cut.length] === '"') cut = cut.slice(0, -1);
  const safe = cut.replace(RESERVED_PATTERN, (match) => RESERVED.get(match) ?? "").replace(INVISIBLE, "");
  const name = `${datePrefix(date)}-${safe}`;
  return `${cutBytes(name, MAX_NAME_BYTES - SUFFIX_ROOM - 3)}.md`;
}

/** The name the `n`th different post with the same name gets: `2023-12-07-title (2).md`. */
export function withCollisionSuffix(fileName: string, n: number): string {
  if (n <= 1) return fileName;
  const stem = fileName.endsWith(".md") ? fileName.slice(0, -3) : fileName;
  return `${stem} (${n}).md`;
}

/** True when `name` is a plain file name in `_posts/`: no separator, no `..`, no control character, not too long. */
export function isSafeFileName(name: string): boolean {
  if (name === "" || name === "." || name === ".." || name.includes("/") || name.includes("\0")) return false;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return false;
  return Buffer.byteLength(name, "utf8") <= MAX_NAME_BYTES;
}

function datePrefix(date: Date): string {
  const time = date.getTime();
  return Number.isFinite(time) ? date.toISOString().substring(0, 10) : "1970-01-01";
}

/** The first `units` UTF-16 units, one fewer when the cut would split a surrogate pair (the original could). */
function cutUnits(text: string, units: number): string {
  if (text.length <= units) return text;
  const last = text.charCodeAt(units - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? units - 1 : units);
}

/** The longest prefix of whole code points that fits in `maxBytes` of UTF-8. */
function cutBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let out = "";
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}
