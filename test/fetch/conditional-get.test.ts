// Conditional GET headers out and validators in.
import { describe, expect, it } from "vitest";
import { conditionalHeaders, isNotModified, readValidators, validatorsAfterNotModified } from "../../src/fetch/conditional-get.js";

describe("conditionalHeaders", () => {
  it.each([
    ["both known: both sent (RFC 9110 13.1.3: the server picks If-None-Match)", { etag: '"a"', lastModified: "Wed, 06 Dec 2023 10:00:00 GMT" }, { "if-none-match": '"a"', "if-modified-since": "Wed, 06 Dec 2023 10:00:00 GMT" }],
    ["a weak ETag is sent as it came", { etag: 'W/"a"', lastModified: null }, { "if-none-match": 'W/"a"' }],
    ["only a date", { etag: null, lastModified: "Wed, 06 Dec 2023 10:00:00 GMT" }, { "if-modified-since": "Wed, 06 Dec 2023 10:00:00 GMT" }],
    ["nothing known: an ordinary GET", { etag: null, lastModified: null }, {}],
    ["no validators object", null, {}],
  ])("%s", (_name, validators, expected) => {
    expect(conditionalHeaders(validators)).toEqual(expected);
  });
});

describe("readValidators", () => {
  it.each([
    ["both headers", { etag: '"x"', "last-modified": "Thu, 07 Dec 2023 00:00:00 GMT" }, { etag: '"x"', lastModified: "Thu, 07 Dec 2023 00:00:00 GMT" }],
    ["neither: nulls, so nothing stale is kept", {}, { etag: null, lastModified: null }],
    ["blank values count as absent", { etag: "  ", "last-modified": "" }, { etag: null, lastModified: null }],
    ["a repeated header: the first", { etag: ['"1"', '"2"'] }, { etag: '"1"', lastModified: null }],
  ])("%s", (_name, headers, expected) => {
    expect(readValidators(headers)).toEqual(expected);
  });
});

describe("validatorsAfterNotModified", () => {
  it.each([
    ["a 304 without validators keeps what was sent (RFC 9110 15.4.5 says SHOULD repeat; many do not)", { etag: '"a"', lastModified: "d1" }, { etag: null, lastModified: null }, { etag: '"a"', lastModified: "d1" }],
    ["a 304 with a new ETag replaces the old one", { etag: '"a"', lastModified: "d1" }, { etag: '"b"', lastModified: null }, { etag: '"b"', lastModified: "d1" }],
    ["nothing sent, nothing received", null, { etag: null, lastModified: null }, { etag: null, lastModified: null }],
  ])("%s", (_name, sent, received, expected) => {
    expect(validatorsAfterNotModified(sent, received)).toEqual(expected);
  });

  it("isNotModified is 304 only", () => {
    expect(isNotModified(304)).toBe(true);
    expect(isNotModified(200)).toBe(false);
  });
});
