// Calendar parts, day keys and shown times of an instant in an IANA time zone (Intl, full ICU in Node 20).

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday, as JavaScript's getDay. */
  weekday: number;
}

const WEEKDAYS = new Map([["Sun", 0], ["Mon", 1], ["Tue", 2], ["Wed", 3], ["Thu", 4], ["Fri", 5], ["Sat", 6]]);
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsFromIntl(date: Date, timeZone: string): DateParts {
  const parts: DateParts = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, weekday: 4 };
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type === "weekday") parts.weekday = WEEKDAYS.get(part.value) ?? 0;
    else if (part.type === "year" || part.type === "month" || part.type === "day" || part.type === "hour" || part.type === "minute" || part.type === "second") {
      parts[part.type] = Number(part.value);
    }
  }
  return parts;
}

/** The zone's offset from UTC in ms at `epoch` (whole seconds), straight from ICU. */
function offsetFromIntl(epoch: number, timeZone: string): number {
  const p = partsFromIntl(new Date(epoch), timeZone);
  // Not Date.UTC(p.year, ...): it reads years 0 to 99 as 1900 to 1999.
  const wall = new Date(0).setUTCFullYear(p.year, p.month - 1, p.day) + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000;
  return wall - Math.floor(epoch / 1000) * 1000;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
/**
 * Offsets cached per zone and UTC day: `formatToParts` costs about 6 µs, too slow for 100,000 posts on every
 * build. A day whose first and last hour share an offset has no transition in it; a day with one is cached
 * by the hour (zone rules change offsets on the hour or half hour; half-hour changes are historic only).
 */
const offsetCache = new Map<string, number | null>();

function offsetAt(epoch: number, timeZone: string): number {
  const day = Math.floor(epoch / DAY);
  const dayKey = `${timeZone}|${day}`;
  let offset = offsetCache.get(dayKey);
  if (offset === undefined) {
    const first = offsetFromIntl(day * DAY, timeZone);
    const last = offsetFromIntl(day * DAY + DAY - HOUR, timeZone);
    offset = first === last ? first : null;
    if (offsetCache.size > 200_000) offsetCache.clear();
    offsetCache.set(dayKey, offset);
  }
  if (offset !== null) return offset;
  const hourKey = `${timeZone}|h${Math.floor(epoch / HOUR)}`;
  let hourly = offsetCache.get(hourKey);
  if (hourly === undefined || hourly === null) {
    hourly = offsetFromIntl(epoch, timeZone);
    offsetCache.set(hourKey, hourly);
  }
  return hourly;
}

/** ECMAScript's time range is ±8.64e15 ms; two days are kept clear so a zone offset stays inside it. */
const LIMIT = 8.64e15 - 2 * 86_400_000;

/** The wall-clock parts of `date` in `timeZone` (instants beyond the range are clamped to it). */
export function datePartsIn(date: Date, timeZone: string): DateParts {
  const time = date.getTime();
  if (Number.isNaN(time)) return { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, weekday: 4 };
  const epoch = Math.max(-LIMIT, Math.min(LIMIT, time));
  const wall = new Date(epoch + offsetAt(epoch, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: wall.getUTCDay(),
  };
}

/** Like `datePartsIn`, always through ICU (tests compare the two). */
export function datePartsFromIntl(date: Date, timeZone: string): DateParts {
  return partsFromIntl(date, timeZone);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** "2023-12-07": the calendar day of `date` in `timeZone`. */
export function dayKey(date: Date, timeZone: string): string {
  const p = datePartsIn(date, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** "2023-12-07 14:05": what a reader in `timeZone` sees. */
export function localTime(date: Date, timeZone: string): string {
  const p = datePartsIn(date, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "2023-12-07 06:05 UTC": the hover text beside a local time. */
export function utcTime(date: Date): string {
  return `${localTime(date, "UTC")} UTC`;
}

/**
 * The ISO time, `utcTime(date)` and the clock of `localTime(date, timeZone)` for list items, from the ISO text the
 * item shows anyway and one cached offset: lists show every post three times or more (home, source, day), and
 * `datePartsIn` twice an item was 40% of it. Years outside 0 to 9999 (another ISO form) go the long way.
 */
export function listTimes(date: Date, timeZone: string): { datetime: string; utc: string; time: string } {
  const datetime = date.toISOString();
  if (datetime.length !== 24) return { datetime, utc: utcTime(date), time: localTime(date, timeZone).split(" ")[1]! };
  const wall = new Date(date.getTime() + offsetAt(date.getTime(), timeZone));
  return { datetime, utc: `${datetime.slice(0, 10)} ${datetime.slice(11, 16)} UTC`, time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}` };
}

/** The zone's offset at `date` as "+08:00", for RFC 3339 local times in feeds. */
export function offsetText(date: Date, timeZone: string): string {
  const minutes = Math.round(offsetAt(date.getTime(), timeZone) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
