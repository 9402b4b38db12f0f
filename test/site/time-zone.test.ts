// Tests src/site/time-zone.ts: wall-clock parts in a zone, against ICU for random instants.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { datePartsFromIntl, datePartsIn, dayKey, listTimes, localTime, offsetText, utcTime } from "../../src/site/time-zone.js";

describe("day keys and shown times", () => {
  it.each([
    ["Taiwan's early-morning news stays on its own day (issue #3)", "2023-12-06T17:30:00Z", "Asia/Taipei", "2023-12-07"],
    ["the same instant is the 6th in UTC", "2023-12-06T17:30:00Z", "UTC", "2023-12-06"],
    ["New York during summer time", "2023-07-01T03:00:00Z", "America/New_York", "2023-06-30"],
  ])("%s", (_reason, iso, zone, day) => {
    expect(dayKey(new Date(iso), zone)).toBe(day);
  });

  it("shows local time with the UTC time for the hover text", () => {
    const date = new Date("2023-12-06T17:30:00Z");
    expect(localTime(date, "Asia/Taipei")).toBe("2023-12-07 01:30");
    expect(utcTime(date)).toBe("2023-12-06 17:30 UTC");
    expect(offsetText(date, "Asia/Taipei")).toBe("+08:00");
    expect(offsetText(new Date("2023-01-15T12:00:00Z"), "America/New_York")).toBe("-05:00");
  });
});

describe("listTimes", () => {
  const zones = ["UTC", "Asia/Taipei", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham"];
  it("gives the ISO time, utcTime and localTime's clock, at any instant, in any zone, from year 1 on", () => {
    fc.assert(
      fc.property(fc.integer({ min: new Date(0).setUTCFullYear(1, 0, 1), max: Date.UTC(12000, 0, 1) }), fc.constantFrom(...zones), (epoch, zone) => {
        const date = new Date(epoch);
        expect(listTimes(date, zone)).toEqual({ datetime: date.toISOString(), utc: utcTime(date), time: localTime(date, zone).split(" ")[1] });
      }),
      { numRuns: 3000 },
    );
    for (const iso of ["1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "0099-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "2023-11-05T05:59:59Z", "2023-11-05T06:00:00Z"]) {
      const date = new Date(iso);
      for (const zone of zones) expect(listTimes(date, zone)).toEqual({ datetime: date.toISOString(), utc: utcTime(date), time: localTime(date, zone).split(" ")[1] });
    }
  });
});

describe("datePartsIn", () => {
  const zones = ["UTC", "Asia/Taipei", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Sao_Paulo"];
  it("agrees with ICU for any instant 1990-2040, DST changes included", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(...zones), (epoch, zone) => {
        const date = new Date(epoch);
        expect(datePartsIn(date, zone)).toEqual(datePartsFromIntl(date, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees around the hour a zone changes its offset", () => {
    for (const iso of ["2023-03-12T06:59:59Z", "2023-03-12T07:00:00Z", "2023-11-05T05:59:59Z", "2023-11-05T06:00:00Z"]) {
      expect(datePartsIn(new Date(iso), "America/New_York")).toEqual(datePartsFromIntl(new Date(iso), "America/New_York"));
    }
  });
});
