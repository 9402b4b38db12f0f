// Feed dates to instants: RFC 822/1123 and their real-world variants, ISO 8601/W3CDTF, Chinese forms, zone-less local times.

/** Zone abbreviations to minutes east of UTC: RFC 822 section 5.1, then names seen in real feeds (feedparser's table). */
const ZONE_OFFSETS = new Map<string, number>([
  ["UT", 0], ["UTC", 0], ["GMT", 0], ["Z", 0], ["WET", 0],
  ["EST", -300], ["EDT", -240], ["CST", -360], ["CDT", -300],
  ["MST", -420], ["MDT", -360], ["PST", -480], ["PDT", -420],
  ["AKST", -540], ["AKDT", -480], ["HST", -600], ["AST", -240], ["ADT", -180],
  ["BST", 60], ["CET", 60], ["CEST", 120], ["MET", 60], ["MEST", 120], ["WEST", 60], ["EET", 120], ["EEST", 180],
  ["MSK", 180], ["IST", 330], ["HKT", 480], ["SGT", 480], ["AWST", 480], ["JST", 540], ["KST", 540],
  ["ACST", 570], ["AEST", 600], ["AEDT", 660], ["NZST", 720], ["NZDT", 780],
]);

/** English month names and abbreviations (RFC 822 section 5.1 plus the full names feeds also write). */
const MONTHS = new Map<string, number>(
  ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map((m, i) => [m, i + 1]),
);

/** Longest date string worth reading: anything longer is not a date, and bounding it keeps the regexes cheap. */
const MAX_DATE_LENGTH = 120;

interface Fields {
  year: number; month: number; day: number;
  hour: number; minute: number; second: number; millisecond: number;
  /** Minutes east of UTC; null when the text names no zone. */
  offset: number | null;
}

/** The readers tried in order; each returns null when the text is not its format. */
const DATE_READERS: ReadonlyArray<(text: string) => Fields | null> = [readIsoLike, readChinese, readRfc822Like];

/**
 * Reads a feed date. Zone-less times are wall-clock times in `timezone` (IANA name, default UTC).
 * Unreadable, impossible or out-of-range dates give null; it never throws.
 * Example: parseTime("Thu, 07 Dec 2023 02:13:00 GMT") -> 2023-12-07T02:13:00.000Z
 */
export function parseTime(text: string | null | undefined, timezone?: string | null): Date | null {
  if (typeof text !== "string") return null;
  const trimmed = normaliseDigits(text).trim();
  if (!trimmed || trimmed.length > MAX_DATE_LENGTH) return null;
  for (const read of DATE_READERS) {
    const fields = read(trimmed);
    if (fields) return isValid(fields) ? toDate(fields, timezone ?? "UTC") : null;
  }
  return null;
}

/** True when `timezone` is an IANA zone name this runtime knows. */
export function isKnownTimezone(timezone: string): boolean {
  return formatterFor(timezone) !== null;
}

/** Full-width digits and colon (common in Chinese feeds) to ASCII. */
function normaliseDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF1A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const ISO_LIKE =
  /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:(?:T|\s+|T\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{2}(?:\d{2})?)?$/i;

/** ISO 8601 and W3CDTF (year, year-month, date, date-time, fraction, zone), also with `/` or `.` or a space. */
function readIsoLike(text: string): Fields | null {
  const m = ISO_LIKE.exec(text) ?? ISO_BASIC.exec(text);
  if (!m) return null;
  const fraction = m[7] && m.length > 8 ? m[7] : undefined;
  const zone = m.length > 8 ? m[8] : m[7];
  return {
    year: Number(m[1]), month: Number(m[2] ?? 1), day: Number(m[3] ?? 1),
    hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0),
    millisecond: fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0,
    offset: zone ? (zoneOffset(zone) ?? Number.NaN) : null, // a zone that cannot be read makes the date unreadable
  };
}

const CHINESE =
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]\s*(?:[(（]?(?:星期|周|週)?[一二三四五六日天][)）]?)?\s*(上午|下午|晚上|早上|凌晨|中午)?\s*(?:(\d{1,2})\s*[:時时点點]\s*(\d{1,2})\s*分?\s*(?::?\s*(\d{1,2})\s*秒?)?)?$/;

/** `2023年12月07日 10:13` and variants with 時/分/秒, weekday and 上午/下午 (seen in Chinese news feeds). */
function readChinese(text: string): Fields | null {
  const m = CHINESE.exec(text);
  if (!m) return null;
  let hour = Number(m[5] ?? 0);
  if ((m[4] === "下午" || m[4] === "晚上") && hour < 12) hour += 12;
  return {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
    hour, minute: Number(m[6] ?? 0), second: Number(m[7] ?? 0), millisecond: 0, offset: null,
  };
}

const TIME_TOKEN = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/;
const NUMERIC_ZONE = /^(?:GMT|UTC|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/**
 * RFC 822/1123 dates and their relatives, read token by token so that real variants pass:
 * missing weekday, 1- or 2-digit day, 2-digit year (RFC 2822 section 4.3), full month names,
 * month before day (`Dec 7, 2023`), asctime, `Date.toString()` with `GMT+0800 (China Standard Time)`, AM/PM.
 */
function readRfc822Like(text: string): Fields | null {
  const tokens = text
    .replace(/^\p{L}+\.?,\s*/u, "") // a weekday before a comma, in any language or misspelt ("Wes," in rssant dapenti)
    .replace(/\([^)]*\)/g, " ")
    .replace(/\b(\d{1,2})-([A-Za-z]{3,9})-(\d{2,4})\b/, "$1 $2 $3") // RFC 850: 07-Dec-23
    .split(/[\s,]+/)
    .filter(Boolean);
  let year: number | null = null, month: number | null = null, day: number | null = null;
  let time: RegExpExecArray | null = null, offset: number | null = null, meridiem: string | null = null;
  for (const token of tokens) {
    const lower = token.toLowerCase().replace(/\.$/, "");
    const monthNumber = MONTHS.get(lower.slice(0, 3));
    if (month === null && monthNumber && /^[a-z]+$/.test(lower) && lower.length >= 3) month = monthNumber;
    else if (/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*$/.test(lower)) continue;
    else if (time === null && TIME_TOKEN.test(token)) time = TIME_TOKEN.exec(token);
    else if (lower === "am" || lower === "pm") meridiem = lower;
    else if (/^\d{4}$/.test(token) && year === null) year = Number(token);
    else if (/^\d{4}$/.test(token) && time === null) time = TIME_TOKEN.exec(`${token.slice(0, 2)}:${token.slice(2)}`); // "1500 GMT" (rss-parser heraldsun)
    else if (/^\d{1,2}$/.test(token) && day === null) day = Number(token);
    else if (/^\d{2}$/.test(token) && year === null) year = Number(token) < 50 ? 2000 + Number(token) : 1900 + Number(token);
    else if (offset === null && zoneOffset(token) !== null) offset = zoneOffset(token);
    else if (offset === null && /^[A-Z]{1,5}$/i.test(token)) offset = 0; // unknown zone name: read as UTC ("-0000", RFC 5322 section 3.3)
    else return null;
  }
  if (year === null || month === null || day === null) return null;
  let hour = time ? Number(time[1]) : 0;
  if (meridiem === "pm" && hour < 12) hour += 12;
  if (meridiem === "am" && hour === 12) hour = 0;
  return {
    year, month, day, hour,
    minute: time ? Number(time[2]) : 0, second: time ? Number(time[3] ?? 0) : 0,
    millisecond: time?.[4] ? Math.floor(Number(`0.${time[4]}`) * 1000) : 0, offset,
  };
}

function zoneOffset(token: string): number | null {
  const named = ZONE_OFFSETS.get(token.toUpperCase());
  if (named !== undefined) return named;
  const m = NUMERIC_ZONE.exec(token);
  if (!m) return null;
  const hours = Number(m[2]), minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

function isValid(f: Fields): boolean {
  if (f.offset !== null && Number.isNaN(f.offset)) return false;
  if (f.year < 1000 || f.year > 9999 || f.month < 1 || f.month > 12 || f.day < 1) return false;
  if (f.day > new Date(Date.UTC(f.year, f.month, 0)).getUTCDate()) return false;
  return f.hour <= 24 && f.minute <= 59 && f.second <= 60 && (f.hour < 24 || (f.minute === 0 && f.second === 0));
}

function toDate(f: Fields, timezone: string): Date | null {
  const second = Math.min(f.second, 59); // a leap second (ISO 8601 allows :60) reads as :59
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, second, f.millisecond);
  if (f.offset !== null) return new Date(wall - f.offset * 60_000);
  const utc = wallTimeToUtc(wall, timezone);
  return utc === null ? null : new Date(utc);
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timezone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timezone)) {
    try {
      formatters.set(timezone, new Intl.DateTimeFormat("en-US", {
        timeZone: timezone, hourCycle: "h23",
        year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
      }));
    } catch {
      formatters.set(timezone, null);
    }
  }
  return formatters.get(timezone) ?? null;
}

/** Minutes east of UTC that `timezone` observes at instant `utc`. */
function offsetAt(utc: number, formatter: Intl.DateTimeFormat): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(utc))) parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(utc / 1000) * 1000) / 60_000);
}

/** A day either side covers every offset change (no zone moves twice within a day). */
const TRANSITION_WINDOW = 24 * 3_600_000;

/**
 * The instant at which clocks in `timezone` show `wall`, resolved as RFC 9557 / Temporal "compatible" does:
 * a repeated wall time (DST ends) takes the earlier instant, a skipped one (DST starts) moves forward.
 */
function wallTimeToUtc(wall: number, timezone: string): number | null {
  if (timezone === "UTC") return wall;
  const formatter = formatterFor(timezone);
  if (!formatter) return null;
  const before = offsetAt(wall - TRANSITION_WINDOW, formatter);
  const after = offsetAt(wall + TRANSITION_WINDOW, formatter);
  const matches = [before, after]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => instant + offsetAt(instant, formatter) * 60_000 === wall);
  return matches.length > 0 ? Math.min(...matches) : wall - before * 60_000;
}
