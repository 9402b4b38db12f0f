// IANA time zone names as the runtime's ICU knows them.

/**
 * The canonical spelling of an IANA zone ("asia/taipei" gives "Asia/Taipei"), or null when the
 * zone is unknown: `Intl.DateTimeFormat` throws a RangeError for those (ECMA-402 11.1.2).
 */
export function canonicalTimeZone(name: string): string | null {
  if (name.trim() === "") return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
