// The date reader: every format feeds write, zone-less local times, and null (never a throw) for the rest.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isKnownTimezone, parseTime } from "../../src/feed/time.js";

describe("parseTime reads", () => {
  it.each([
    ["RFC 1123 with GMT (golden feed)", "Thu, 07 Dec 2023 02:13:00 GMT", "2023-12-07T02:13:00.000Z"],
    ["RFC 822 numeric zone +0800", "Thu, 07 Dec 2023 10:13:00 +0800", "2023-12-07T02:13:00.000Z"],
    ["RFC 822 zone with colon +08:00", "Thu, 07 Dec 2023 10:13:00 +08:00", "2023-12-07T02:13:00.000Z"],
    ["RFC 822 EST is -0500 (section 5.1)", "Thu, 07 Dec 2023 02:13:00 EST", "2023-12-07T07:13:00.000Z"],
    ["RFC 822 PDT is -0700", "Thu, 07 Dec 2023 02:13:00 PDT", "2023-12-07T09:13:00.000Z"],
    ["RFC 822 UT", "07 Dec 2023 02:13:00 UT", "2023-12-07T02:13:00.000Z"],
    ["no weekday, one-digit day", "7 Dec 2023 02:13:00 GMT", "2023-12-07T02:13:00.000Z"],
    ["no seconds", "Thu, 07 Dec 2023 02:13 GMT", "2023-12-07T02:13:00.000Z"],
    ["two-digit year below 50 is 20xx (RFC 2822 4.3)", "Thu, 07 Dec 23 02:13:00 GMT", "2023-12-07T02:13:00.000Z"],
    ["two-digit year from 50 is 19xx (RFC 2822 4.3)", "Fri, 31 Dec 99 23:59:59 GMT", "1999-12-31T23:59:59.000Z"],
    ["full weekday and month names", "Thursday, 07 December 2023 02:13:00 GMT", "2023-12-07T02:13:00.000Z"],
    ["month before day", "Dec 7, 2023 02:13:00 GMT", "2023-12-07T02:13:00.000Z"],
    ["RFC 850 hyphenated date", "Thursday, 07-Dec-23 02:13:00 GMT", "2023-12-07T02:13:00.000Z"],
    ["a misspelt weekday is skipped (rssant dapenti)", "Wes, 18 Aug 2021 17:00:00 +0800", "2021-08-18T09:00:00.000Z"],
    ["time written hhmm after the year (rss-parser heraldsun)", "03 Apr 02 1500 GMT", "2002-04-03T15:00:00.000Z"],
    ["asctime", "Thu Dec  7 02:13:00 2023", "2023-12-07T02:13:00.000Z"],
    ["Date.toString with zone comment", "Thu Dec 07 2023 10:13:00 GMT+0800 (China Standard Time)", "2023-12-07T02:13:00.000Z"],
    ["12-hour clock PM", "Dec 7, 2023 2:13 PM GMT", "2023-12-07T14:13:00.000Z"],
    ["12 AM is midnight", "Dec 7, 2023 12:13 AM GMT", "2023-12-07T00:13:00.000Z"],
    ["lower-case month and zone", "thu, 07 dec 2023 02:13:00 gmt", "2023-12-07T02:13:00.000Z"],
    ["unknown zone name reads as UTC (RFC 5322 3.3 -0000)", "Thu, 07 Dec 2023 02:13:00 XYZ", "2023-12-07T02:13:00.000Z"],
    ["ISO 8601 with Z", "2023-12-07T02:13:00Z", "2023-12-07T02:13:00.000Z"],
    ["ISO 8601 with fraction", "2023-12-07T02:13:00.123456Z", "2023-12-07T02:13:00.123Z"],
    ["ISO 8601 with offset", "2023-12-07T10:13:00+08:00", "2023-12-07T02:13:00.000Z"],
    ["ISO 8601 offset without colon", "2023-12-07T10:13:00+0800", "2023-12-07T02:13:00.000Z"],
    ["ISO 8601 negative offset", "2023-12-06T21:13:00-05:00", "2023-12-07T02:13:00.000Z"],
    ["ISO 8601 basic format", "20231207T021300Z", "2023-12-07T02:13:00.000Z"],
    ["W3CDTF date only", "2023-12-07", "2023-12-07T00:00:00.000Z"],
    ["W3CDTF year and month", "2023-12", "2023-12-01T00:00:00.000Z"],
    ["W3CDTF year only", "2023", "2023-01-01T00:00:00.000Z"],
    ["leap second reads as :59", "2016-12-31T23:59:60Z", "2016-12-31T23:59:59.000Z"],
    ["space instead of T, with zone", "2023-12-07 10:13:00 +0800", "2023-12-07T02:13:00.000Z"],
    ["Chinese news format without zone (UTC default)", "2023-12-07 10:13:00", "2023-12-07T10:13:00.000Z"],
    ["slashes", "2023/12/07 10:13", "2023-12-07T10:13:00.000Z"],
    ["年月日 with time", "2023年12月07日 10:13", "2023-12-07T10:13:00.000Z"],
    ["年月日 with 時分秒", "2023年12月7日 10時13分05秒", "2023-12-07T10:13:05.000Z"],
    ["年月日 date only", "2023年12月7日", "2023-12-07T00:00:00.000Z"],
    ["年月日 with 下午 is PM", "2023年12月7日 下午2:13", "2023-12-07T14:13:00.000Z"],
    ["full-width digits and colon", "２０２３-１２-０７ １０：１３", "2023-12-07T10:13:00.000Z"],
    ["surrounding whitespace", "  \n Thu, 07 Dec 2023 02:13:00 GMT \t", "2023-12-07T02:13:00.000Z"],
  ])("%s", (_name, text, iso) => {
    expect(parseTime(text)?.toISOString()).toBe(iso);
  });
});

describe("parseTime with a time zone for zone-less times", () => {
  it.each([
    ["Asia/Taipei is UTC+8", "2023-12-07 10:13:00", "Asia/Taipei", "2023-12-07T02:13:00.000Z"],
    ["年月日 in Asia/Shanghai", "2023年12月07日 10:13", "Asia/Shanghai", "2023-12-07T02:13:00.000Z"],
    ["New York in winter is UTC-5", "2023-12-07 10:13:00", "America/New_York", "2023-12-07T15:13:00.000Z"],
    ["New York in summer is UTC-4", "2023-07-07 10:13:00", "America/New_York", "2023-07-07T14:13:00.000Z"],
    ["a wall time skipped by DST moves forward", "2023-03-12 02:30:00", "America/New_York", "2023-03-12T07:30:00.000Z"],
    ["a wall time repeated when DST ends takes the earlier instant", "2023-11-05 01:30:00", "America/New_York", "2023-11-05T05:30:00.000Z"],
    ["RFC 822 without zone uses it too", "Thu, 07 Dec 2023 10:13:00", "Asia/Taipei", "2023-12-07T02:13:00.000Z"],
    ["an explicit zone wins over the option", "2023-12-07T10:13:00Z", "Asia/Taipei", "2023-12-07T10:13:00.000Z"],
    ["null means UTC", "2023-12-07 10:13:00", null, "2023-12-07T10:13:00.000Z"],
  ])("%s", (_name, text, zone, iso) => {
    expect(parseTime(text, zone)?.toISOString()).toBe(iso);
  });

  it("an unknown zone leaves zone-less times unreadable rather than guessing", () => {
    expect(parseTime("2023-12-07 10:13:00", "Mars/Olympus")).toBeNull();
    expect(parseTime("2023-12-07T10:13:00Z", "Mars/Olympus")?.toISOString()).toBe("2023-12-07T10:13:00.000Z");
  });

  it.each([
    ["IANA name", "Asia/Taipei", true],
    ["UTC", "UTC", true],
    ["made-up name", "Mars/Olympus", false],
  ])("isKnownTimezone: %s", (_name, zone, known) => {
    expect(isKnownTimezone(zone)).toBe(known);
  });
});

describe("parseTime gives null", () => {
  it.each([
    ["empty", ""],
    ["whitespace", "   "],
    ["undefined", undefined],
    ["null", null],
    ["words", "yesterday"],
    ["month 13", "2023-13-07T02:13:00Z"],
    ["30 February", "2023-02-30"],
    ["29 February in a common year", "Tue, 29 Feb 2023 10:00:00 GMT"],
    ["hour 25", "2023-12-07T25:13:00Z"],
    ["minute 60", "Thu, 07 Dec 2023 02:60:00 GMT"],
    ["no year", "Thu, 07 Dec 02:13:00 GMT"],
    ["no month", "07 2023 02:13:00 GMT"],
    ["offset beyond 14 hours", "2023-12-07T02:13:00+15:00"],
    ["year 0999", "0999-12-07"],
    ["NaN as written by the old script", "NaN"],
    ["a very long string", "Thu, 07 Dec 2023 ".repeat(20)],
  ])("%s", (_name, text) => {
    expect(parseTime(text)).toBeNull();
  });

  it("never throws and returns a valid Date or null for any string (fast-check)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.constantFrom(undefined, "Asia/Taipei", "Nope/Zone"), (text, zone) => {
        const time = parseTime(text, zone);
        expect(time === null || Number.isFinite(time.getTime())).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads every RFC 1123 string that Date.prototype.toUTCString writes (fast-check)", () => {
    const instant = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) });
    fc.assert(
      fc.property(instant, (ms) => {
        const date = new Date(Math.floor(ms / 1000) * 1000);
        expect(parseTime(date.toUTCString())?.getTime()).toBe(date.getTime());
        expect(parseTime(date.toISOString())?.getTime()).toBe(date.getTime());
      }),
      { numRuns: 1000 },
    );
  });
});
