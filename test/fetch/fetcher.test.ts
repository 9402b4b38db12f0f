// Fetcher against a real loopback server: conditional GET, compression, redirects, retries, timeouts, caps, charsets, politeness.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher, type Clock, type Fetcher, type FetchFailure, type FetchLimits, type FetchResult } from "../../src/fetch/index.js";
import type { Result } from "../../src/result.js";
import {
  delayed,
  endless,
  gzipBomb,
  redirect,
  reset,
  retryAfter,
  sequence,
  serveFile,
  serveText,
  slowDrip,
  startFixtureServer,
  status,
  statusSequence,
  truncated,
  type FixtureServer,
} from "../support/fixture-server.js";
import { sharedPath } from "../support/paths.js";

const RSS = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>測試 feed</title></channel></rss>';
const GOLDEN_FEED = sharedPath("golden/cna-2023-12-07.feed.xml");
const ETAG = '"v1"';
const LAST_MODIFIED = "Wed, 06 Dec 2023 10:00:00 GMT";

/** A clock that never waits: sleeps are recorded and move `now` forward. */
function fakeClock(start = Date.parse("2026-01-01T00:00:00Z")): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

const FAST: Partial<FetchLimits> = { totalTimeoutMs: 5_000, connectTimeoutMs: 2_000, retries: 3, backoffBaseMs: 1000 };

let server: FixtureServer;
const route = (path: string) => `${server.url}${path}`;

const drip = slowDrip({ intervalMs: 100, count: 100 });
const politeness = delayed(80, serveText(RSS, "application/rss+xml"));

beforeAll(async () => {
  server = await startFixtureServer({
    "/feed.xml": serveFile(GOLDEN_FEED, { contentType: "application/rss+xml; charset=utf-8", etag: ETAG, lastModified: LAST_MODIFIED }),
    "/dated.xml": serveText(RSS, "application/rss+xml", { lastModified: LAST_MODIFIED }),
    "/plain.xml": serveText(RSS, "application/rss+xml"),
    "/gzip.xml": serveText(RSS, "application/rss+xml", { encoding: "gzip" }),
    "/br.xml": serveText(RSS, "application/rss+xml", { encoding: "br" }),
    "/deflate.xml": serveText(RSS, "application/rss+xml", { encoding: "deflate" }),
    "/deflate-raw.xml": serveText(RSS, "application/rss+xml", { encoding: "deflate-raw" }),
    "/unknown-coding.xml": serveText(RSS, "application/rss+xml", { headers: { "content-encoding": "zstd-ish" } }),
    "/moved-permanently": redirect("/plain.xml", 301),
    "/moved-308": redirect("/moved-temporarily", 308),
    "/moved-temporarily": redirect(`/plain.xml`, 302),
    "/loop-a": redirect("/loop-b"),
    "/loop-b": redirect("/loop-a"),
    "/chain-0": redirect("/chain-1"),
    "/chain-1": redirect("/chain-2"),
    "/chain-2": redirect("/chain-3"),
    "/chain-3": redirect("/plain.xml"),
    "/to-ftp": redirect("ftp://example.org/feed.xml"),
    "/no-location": status(302),
    "/retry-after-seconds": retryAfter("7", serveText(RSS, "application/rss+xml")),
    "/retry-after-date": retryAfter("Thu, 01 Jan 2026 00:00:30 GMT", serveText(RSS, "application/rss+xml"), 503),
    "/retry-after-too-long": retryAfter("3600", serveText(RSS, "application/rss+xml")),
    "/500-then-ok": statusSequence([500, 502], serveText(RSS, "application/rss+xml")),
    "/always-503": status(503),
    "/404": status(404),
    "/403": status(403),
    "/reset-then-ok": sequence([reset(), serveText(RSS, "application/rss+xml")]),
    "/always-reset": reset(),
    "/drip": drip,
    "/bomb": gzipBomb(64 * 1024 * 1024),
    "/truncated": truncated("<rss><channel><title>cut", 4096),
    "/oversize-declared": serveText("x".repeat(300_000), "application/rss+xml"),
    "/oversize-endless": endless(),
    "/big5-mislabelled": serveFile(sharedPath("corpus/feeds/synth-encodings/big5-http-says-utf8.xml"), { contentType: "application/rss+xml; charset=utf-8" }),
    "/gbk-by-header": serveFile(sharedPath("corpus/feeds/synth-encodings/gbk-declared.xml"), { contentType: "application/rss+xml; charset=gbk", gzip: true }),
    "/page.html": serveText(Buffer.concat([Buffer.from('<html><head><meta charset="big5"></head><body>'), Buffer.from([0xa4, 0xa4]), Buffer.from("</body></html>")]), "text/html"),
    "/image.png": serveText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), "image/png"),
    "/polite": politeness,
  });
});

afterAll(async () => {
  await server.close();
});

function fetcherWith(limits: Partial<FetchLimits> = {}, clock: Clock = fakeClock()): Fetcher {
  return createFetcher({ limits: { ...FAST, ...limits }, clock, env: {}, random: () => 0.5 });
}

function expectFetched(result: Result<FetchResult>) {
  if (!result.ok) throw new Error(`expected a fetch, got ${result.failure.code}: ${result.failure.message}`);
  if (result.value.status !== "fetched") throw new Error("expected fetched, got not-modified");
  return result.value;
}

function expectFailure(result: Result<FetchResult>): FetchFailure {
  if (result.ok) throw new Error(`expected a failure, got ${result.value.status}`);
  return result.failure as FetchFailure;
}

describe("conditional GET", () => {
  it("a first fetch returns the ETag and Last-Modified to remember", async () => {
    const fetcher = fetcherWith();
    const fetched = expectFetched(await fetcher.fetch({ url: route("/feed.xml"), kind: "feed" }));
    expect(fetched.validators).toEqual({ etag: ETAG, lastModified: LAST_MODIFIED });
    expect(fetched.text).toContain("王毅會緬甸外長");
    expect(fetched.charset).toBe("utf-8");
    await fetcher.close();
  });

  it.each([
    ["both validators known: 304 (RFC 9110 13.1.3)", { etag: ETAG, lastModified: LAST_MODIFIED }],
    ["ETag alone is enough", { etag: ETAG, lastModified: null }],
  ])("%s", async (_name, validators) => {
    const fetcher = fetcherWith();
    const result = await fetcher.fetch({ url: route("/feed.xml"), kind: "feed", validators });
    expect(result).toEqual({ ok: true, value: { status: "not-modified", url: route("/feed.xml"), validators: { etag: ETAG, lastModified: LAST_MODIFIED }, attempts: 1 } });
    const sent = server.requests.at(-1)?.headers;
    expect(sent?.["if-none-match"]).toBe(ETAG);
    await fetcher.close();
  });

  it("Last-Modified alone gives 304 on a server without ETag", async () => {
    const fetcher = fetcherWith();
    const result = await fetcher.fetch({ url: route("/dated.xml"), kind: "feed", validators: { etag: '"remembered"', lastModified: LAST_MODIFIED } });
    // The server has no ETag, so If-None-Match does not match and it answers 200 (RFC 9110 13.1.2 takes If-None-Match first).
    expect(expectFetched(result).validators).toEqual({ etag: null, lastModified: LAST_MODIFIED });
    const onlyDate = await fetcher.fetch({ url: route("/dated.xml"), kind: "feed", validators: { etag: null, lastModified: LAST_MODIFIED } });
    expect(onlyDate.ok && onlyDate.value.status).toBe("not-modified");
    await fetcher.close();
  });

  it("a changed ETag gets the full body again", async () => {
    const fetcher = fetcherWith();
    const fetched = expectFetched(await fetcher.fetch({ url: route("/feed.xml"), kind: "feed", validators: { etag: '"v0"', lastModified: null } }));
    expect(fetched.httpStatus).toBe(200);
    await fetcher.close();
  });
});

describe("compression", () => {
  it.each([
    ["gzip", "/gzip.xml"],
    ["br", "/br.xml"],
    ["deflate in zlib format (RFC 9110 8.4.1.2)", "/deflate.xml"],
    ["deflate sent raw, as some servers do", "/deflate-raw.xml"],
  ])("%s is decoded", async (_name, path) => {
    const fetcher = fetcherWith();
    const fetched = expectFetched(await fetcher.fetch({ url: route(path), kind: "feed" }));
    expect(fetched.text).toBe(RSS);
    await fetcher.close();
  });

  it("asks for gzip, deflate and br", async () => {
    const fetcher = fetcherWith();
    await fetcher.fetch({ url: route("/plain.xml"), kind: "feed" });
    expect(server.requests.at(-1)?.headers["accept-encoding"]).toBe("gzip, deflate, br");
    await fetcher.close();
  });

  it("an unknown content coding is a failure, not garbage text", async () => {
    const fetcher = fetcherWith();
    const failure = expectFailure(await fetcher.fetch({ url: route("/unknown-coding.xml"), kind: "feed" }));
    expect(failure.code).toBe("fetch.network");
    expect(failure.message).toContain("zstd-ish");
    await fetcher.close();
  });

  it("a gzip bomb stops at the byte cap, counted after decompression", async () => {
    const fetcher = fetcherWith({ maxBytes: 1024 * 1024 });
    const started = Date.now();
    const failure = expectFailure(await fetcher.fetch({ url: route("/bomb"), kind: "feed" }));
    expect(failure.code).toBe("fetch.too-large");
    expect(failure.message).toContain("127.0.0.1");
    expect(Date.now() - started).toBeLessThan(3000);
    expect(server.hits("/bomb")).toBe(1); // too large is final, not retried
    await fetcher.close();
  });
});

describe("redirects", () => {
  it("a 301 on the first hop is followed and reported", async () => {
    const fetcher = fetcherWith();
    const fetched = expectFetched(await fetcher.fetch({ url: route("/moved-permanently"), kind: "feed" }));
    expect(fetched.finalUrl).toBe(route("/plain.xml"));
    expect(fetched.url).toBe(route("/moved-permanently"));
    expect(fetched.permanentRedirect).toBe(route("/plain.xml"));
    await fetcher.close();
  });

  it("a 308 then 302 reports the first hop's target only", async () => {
    const fetcher = fetcherWith();
    const fetched = expectFetched(await fetcher.fetch({ url: route("/moved-308"), kind: "feed" }));
    expect(fetched.permanentRedirect).toBe(route("/moved-temporarily"));
    expect(fetched.finalUrl).toBe(route("/plain.xml"));
    await fetcher.close();
  });

  it("a temporary redirect is followed and not reported", async () => {
    const fetcher = fetcherWith();
    const fetched = expectFetched(await fetcher.fetch({ url: route("/moved-temporarily"), kind: "feed" }));
    expect(fetched.permanentRedirect).toBeNull();
    expect(fetched.finalUrl).toBe(route("/plain.xml"));
    await fetcher.close();
  });

  it.each([
    ["a loop between two URLs", "/loop-a", {}, "fetch.redirect-loop"],
    ["a chain longer than maxRedirects", "/chain-0", { maxRedirects: 3 }, "fetch.redirect-loop"],
    ["a redirect to ftp:", "/to-ftp", {}, "fetch.bad-url"],
    ["a redirect without Location", "/no-location", {}, "fetch.status"],
  ])("%s fails with its code", async (_name, path, limits, code) => {
    const fetcher = fetcherWith(limits);
    const failure = expectFailure(await fetcher.fetch({ url: route(path), kind: "feed" }));
    expect(failure.code).toBe(code);
    await fetcher.close();
  });

  it("a chain as long as maxRedirects is followed", async () => {
    const fetcher = fetcherWith({ maxRedirects: 4 });
    expect(expectFetched(await fetcher.fetch({ url: route("/chain-0"), kind: "feed" })).finalUrl).toBe(route("/plain.xml"));
    await fetcher.close();
  });
});

describe("retries", () => {
  it("500 then 502 then success: three attempts, backoff doubled with jitter", async () => {
    const clock = fakeClock();
    const fetcher = fetcherWith({}, clock);
    const fetched = expectFetched(await fetcher.fetch({ url: route("/500-then-ok"), kind: "feed" }));
    expect(fetched.attempts).toBe(3);
    expect(clock.sleeps).toEqual([500, 1000]); // random 0.5 of 1000 then of 2000 (full jitter)
    await fetcher.close();
  });

  it("429 with Retry-After in seconds waits that long", async () => {
    const clock = fakeClock();
    const fetcher = fetcherWith({}, clock);
    expect(expectFetched(await fetcher.fetch({ url: route("/retry-after-seconds"), kind: "feed" })).attempts).toBe(2);
    expect(clock.sleeps).toEqual([7000]);
    await fetcher.close();
  });

  it("503 with Retry-After as an HTTP-date waits until then by the injected clock", async () => {
    const clock = fakeClock(Date.parse("2026-01-01T00:00:00Z"));
    const fetcher = fetcherWith({}, clock);
    expectFetched(await fetcher.fetch({ url: route("/retry-after-date"), kind: "feed" }));
    expect(clock.sleeps).toEqual([30_000]);
    await fetcher.close();
  });

  it("a Retry-After past maxRetryAfterMs gives up at once with fetch.status 429", async () => {
    const clock = fakeClock();
    const fetcher = fetcherWith({}, clock);
    const failure = expectFailure(await fetcher.fetch({ url: route("/retry-after-too-long"), kind: "feed" }));
    expect(failure).toMatchObject({ code: "fetch.status", httpStatus: 429, attempts: 1 });
    expect(failure.message).toContain("3600 s");
    expect(clock.sleeps).toEqual([]);
    await fetcher.close();
  });

  it("5xx every time: 1 + retries attempts, then fetch.status with the status", async () => {
    const clock = fakeClock();
    const fetcher = fetcherWith({ retries: 2 }, clock);
    const before = server.hits("/always-503");
    const failure = expectFailure(await fetcher.fetch({ url: route("/always-503"), kind: "feed" }));
    expect(failure).toMatchObject({ code: "fetch.status", httpStatus: 503, attempts: 3 });
    expect(server.hits("/always-503") - before).toBe(3);
    await fetcher.close();
  });

  it.each([
    ["404 (RFC 9110 15.5.5)", "/404", 404],
    ["403, likely blocked here", "/403", 403],
  ])("%s is not retried", async (_name, path, code) => {
    const clock = fakeClock();
    const fetcher = fetcherWith({}, clock);
    const failure = expectFailure(await fetcher.fetch({ url: route(path), kind: "feed" }));
    expect(failure).toMatchObject({ code: "fetch.status", httpStatus: code, attempts: 1 });
    expect(clock.sleeps).toEqual([]);
    await fetcher.close();
  });

  it("a connection reset is retried and the retry succeeds", async () => {
    const fetcher = fetcherWith();
    expect(expectFetched(await fetcher.fetch({ url: route("/reset-then-ok"), kind: "feed" })).attempts).toBe(2);
    await fetcher.close();
  });

  it("a connection reset every time ends in fetch.network", async () => {
    const fetcher = fetcherWith({ retries: 1 });
    const failure = expectFailure(await fetcher.fetch({ url: route("/always-reset"), kind: "feed" }));
    expect(failure.code).toBe("fetch.network");
    expect(failure.message).toContain("127.0.0.1");
    expect(failure.attempts).toBe(2);
    await fetcher.close();
  });

  it("a refused connection is fetch.network", async () => {
    const fetcher = fetcherWith({ retries: 0 });
    const failure = expectFailure(await fetcher.fetch({ url: "http://127.0.0.1:1/feed.xml", kind: "feed" }));
    expect(failure.code).toBe("fetch.network");
    await fetcher.close();
  });
});

describe("timeouts and limits", () => {
  it("a slow drip past the total timeout fails with fetch.timeout", async () => {
    const fetcher = fetcherWith({ totalTimeoutMs: 400, retries: 0 });
    const started = Date.now();
    const failure = expectFailure(await fetcher.fetch({ url: route("/drip"), kind: "feed" }));
    expect(failure.code).toBe("fetch.timeout");
    expect(failure.message).toContain("127.0.0.1");
    expect(Date.now() - started).toBeLessThan(2000);
    await fetcher.close();
  });

  it("a body shorter than its Content-Length is a network failure, not a short feed", async () => {
    const fetcher = fetcherWith({ retries: 1 });
    const failure = expectFailure(await fetcher.fetch({ url: route("/truncated"), kind: "feed" }));
    expect(failure.code).toBe("fetch.network");
    await fetcher.close();
  });

  it.each([
    ["declared by Content-Length", "/oversize-declared"],
    ["streamed without Content-Length", "/oversize-endless"],
  ])("a body over the cap, %s, is fetch.too-large", async (_name, path) => {
    const fetcher = fetcherWith({ maxBytes: 200_000 });
    const failure = expectFailure(await fetcher.fetch({ url: route(path), kind: "feed" }));
    expect(failure.code).toBe("fetch.too-large");
    await fetcher.close();
  });

  it("a request's own maxBytes overrides the limit (images)", async () => {
    const fetcher = fetcherWith({ maxBytes: 200_000 });
    const fetched = expectFetched(await fetcher.fetch({ url: route("/oversize-declared"), kind: "image", maxBytes: 400_000 }));
    expect(fetched.bytes.length).toBe(300_000);
    expect(fetched.text).toBeNull();
    await fetcher.close();
  });

  it("at most perHost requests run at once to one host", async () => {
    const fetcher = fetcherWith({ perHost: 2, global: 8 });
    const results = await Promise.all(Array.from({ length: 6 }, () => fetcher.fetch({ url: route("/polite"), kind: "feed" })));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(politeness.peak()).toBe(2);
    await fetcher.close();
  });

  it("time spent queued behind the host's other requests does not count against the timeout", async () => {
    const fetcher = fetcherWith({ perHost: 1, totalTimeoutMs: 300, retries: 0 });
    const results = await Promise.all(Array.from({ length: 3 }, () => fetcher.fetch({ url: route("/polite"), kind: "feed" })));
    expect(results.map((result) => result.ok)).toEqual([true, true, true]);
    await fetcher.close();
  });

  it("an abort signal stops the fetch with fetch.aborted", async () => {
    const fetcher = fetcherWith({ totalTimeoutMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const failure = expectFailure(await fetcher.fetch({ url: route("/drip"), kind: "feed", signal: controller.signal }));
    expect(failure.code).toBe("fetch.aborted");
    await fetcher.close();
  });
});

describe("decoding and request shape", () => {
  it("a wrong charset header (utf-8 on Big5 bytes) falls back to the XML declaration", async () => {
    const fetcher = fetcherWith();
    const fetched = expectFetched(await fetcher.fetch({ url: route("/big5-mislabelled"), kind: "feed" }));
    expect(fetched.charset).toBe("big5");
    expect(fetched.charsetSource).toBe("document");
    expect(fetched.text).toContain("香港再確診8宗武漢肺炎");
    await fetcher.close();
  });

  it("GBK named by the header, served gzipped", async () => {
    const fetcher = fetcherWith();
    const fetched = expectFetched(await fetcher.fetch({ url: route("/gbk-by-header"), kind: "feed" }));
    expect(fetched.charset).toBe("gbk");
    expect(fetched.text).toContain("新闻联播");
    await fetcher.close();
  });

  it("a page is decoded by its <meta charset>", async () => {
    const fetcher = fetcherWith();
    const fetched = expectFetched(await fetcher.fetch({ url: route("/page.html"), kind: "page" }));
    expect(fetched.charset).toBe("big5");
    expect(fetched.text).toContain("<body>中</body>");
    await fetcher.close();
  });

  it("an image keeps its bytes and gets no text", async () => {
    const fetcher = fetcherWith();
    const fetched = expectFetched(await fetcher.fetch({ url: route("/image.png"), kind: "image" }));
    expect([...fetched.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(fetched).toMatchObject({ text: null, charset: null, contentType: "image/png" });
    await fetcher.close();
  });

  it("sends the default User-Agent, or the source's own", async () => {
    const fetcher = fetcherWith();
    await fetcher.fetch({ url: route("/plain.xml"), kind: "feed" });
    expect(server.requests.at(-1)?.headers["user-agent"]).toMatch(/^newsmirror\//);
    await fetcher.close();
    const custom = fetcherWith();
    await custom.fetch({ url: route("/plain.xml"), kind: "feed", userAgent: "Mozilla/5.0 test" });
    expect(server.requests.at(-1)?.headers["user-agent"]).toBe("Mozilla/5.0 test");
    await custom.close();
  });

  it.each([
    ["not a URL", "not a url"],
    ["a file: URL", "file:///etc/passwd"],
    ["an empty string", ""],
  ])("%s is fetch.bad-url without any request", async (_name, url) => {
    const fetcher = fetcherWith();
    expect(expectFailure(await fetcher.fetch({ url, kind: "feed" })).code).toBe("fetch.bad-url");
    await fetcher.close();
  });

  it("random non-http strings as URL give fetch.bad-url, never a throw", async () => {
    const fetcher = fetcherWith();
    const isHttp = (text: string) => {
      try {
        return ["http:", "https:"].includes(new URL(text).protocol);
      } catch {
        return false;
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }).filter((text) => !isHttp(text)), async (url) => {
        const result = await fetcher.fetch({ url, kind: "feed" });
        return !result.ok && result.failure.code === "fetch.bad-url";
      }),
      { numRuns: 200 },
    );
    await fetcher.close();
  });

  it("a malformed proxy setting is fetch.proxy", async () => {
    const fetcher = fetcherWith();
    const failure = expectFailure(await fetcher.fetch({ url: route("/plain.xml"), kind: "feed", proxy: "ftp://127.0.0.1:21" }));
    expect(failure.code).toBe("fetch.proxy");
    await fetcher.close();
  });
});
