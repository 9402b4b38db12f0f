// Proxy choice from the source and the environment, proxy URL checks, and real requests through HTTP and SOCKS5 proxies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/fetch/index.js";
import { chooseProxy, isExemptFromProxy, parseProxy } from "../../src/fetch/proxy.js";
import { serveText, startFixtureServer, startHttpProxy, startSocks5Proxy, type FixtureServer, type TestProxy } from "../support/fixture-server.js";

const HTTPS_TARGET = new URL("https://news.example.com/feed.xml");
const HTTP_TARGET = new URL("http://news.example.com/feed.xml");

describe("chooseProxy", () => {
  it.each([
    ["the source's own proxy wins over the environment", HTTPS_TARGET, "socks5://10.0.0.1:1080", { HTTPS_PROXY: "http://env:8080" }, "socks5://10.0.0.1:1080"],
    ["the source's own proxy ignores NO_PROXY (set on purpose)", HTTPS_TARGET, "http://p:1", { NO_PROXY: "*" }, "http://p:1"],
    ["HTTPS_PROXY for https:", HTTPS_TARGET, null, { HTTPS_PROXY: "http://s:1", HTTP_PROXY: "http://h:1" }, "http://s:1"],
    ["HTTP_PROXY for http:", HTTP_TARGET, null, { HTTPS_PROXY: "http://s:1", HTTP_PROXY: "http://h:1" }, "http://h:1"],
    ["HTTP_PROXY is not used for https:", HTTPS_TARGET, null, { HTTP_PROXY: "http://h:1" }, null],
    ["ALL_PROXY when no scheme-specific one is set", HTTPS_TARGET, null, { ALL_PROXY: "socks5://a:1080" }, "socks5://a:1080"],
    ["lower-case names (curl convention)", HTTPS_TARGET, null, { https_proxy: "http://l:1" }, "http://l:1"],
    ["NO_PROXY exempts the domain", HTTPS_TARGET, null, { HTTPS_PROXY: "http://s:1", NO_PROXY: "example.com" }, null],
    ["an empty own proxy falls back to the environment", HTTPS_TARGET, "  ", { ALL_PROXY: "socks5://a:1080" }, "socks5://a:1080"],
    ["nothing set: direct", HTTPS_TARGET, undefined, {}, null],
  ])("%s", (_name, target, own, env, expected) => {
    expect(chooseProxy(target, own, env)).toBe(expected);
  });
});

describe("isExemptFromProxy", () => {
  it.each([
    ["exact host", "https://news.example.com/", "news.example.com", true],
    ["a subdomain of an entry", "https://news.example.com/", "example.com", true],
    ["a leading dot", "https://news.example.com/", ".example.com", true],
    ["a leading *.", "https://news.example.com/", "*.example.com", true],
    ["a look-alike suffix is not a subdomain", "https://badexample.com/", "example.com", false],
    ["the wildcard", "https://any.where/", "*", true],
    ["one of a list with spaces", "https://b.org/", "a.org, b.org", true],
    ["a port entry matches that port", "http://h.org:8080/", "h.org:8080", true],
    ["a port entry does not match the default port", "http://h.org/", "h.org:8080", false],
    ["an IPv6 literal", "http://[::1]:9/", "::1", true],
    ["case-insensitive", "https://News.Example.COM/", "example.com", true],
    ["no NO_PROXY", "https://a.org/", null, false],
  ])("%s", (_name, url, noProxy, expected) => {
    expect(isExemptFromProxy(new URL(url), noProxy)).toBe(expected);
  });
});

describe("parseProxy", () => {
  it.each([
    ["http", "http://127.0.0.1:3128", "http"],
    ["https proxy", "https://proxy.example:443", "http"],
    ["socks5", "socks5://127.0.0.1:1080", "socks5"],
    ["socks5h resolves at the proxy", "socks5h://127.0.0.1:9050", "socks5"],
    ["socks4", "socks4://127.0.0.1:1080", "socks4"],
    ["a bare host:port is taken as http", "127.0.0.1:3128", "http"],
  ])("%s is understood", (_name, proxy, kind) => {
    const parsed = parseProxy(proxy);
    expect(parsed.ok && parsed.kind).toBe(kind);
  });

  it.each([
    ["an unknown scheme", "ftp://127.0.0.1:21"],
    ["socks without a port", "socks5://127.0.0.1"],
    ["not a URL", "http://"],
  ])("%s is refused with a reason", (_name, proxy) => {
    const parsed = parseProxy(proxy);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason.length).toBeGreaterThan(5);
  });
});

describe("requests through real proxies", () => {
  let server: FixtureServer;
  let httpProxy: TestProxy;
  let socksProxy: TestProxy;

  beforeAll(async () => {
    server = await startFixtureServer({ "/feed.xml": serveText("<rss>via proxy</rss>", "application/rss+xml") });
    httpProxy = await startHttpProxy();
    socksProxy = await startSocks5Proxy();
  });

  afterAll(async () => {
    await Promise.all([server.close(), httpProxy.close(), socksProxy.close()]);
  });

  it("an HTTP proxy given by the source carries the request", async () => {
    const fetcher = createFetcher({ env: {}, limits: { retries: 0 } });
    const result = await fetcher.fetch({ url: `${server.url}/feed.xml`, kind: "feed", proxy: httpProxy.url });
    expect(result.ok && result.value.status === "fetched" && result.value.text).toBe("<rss>via proxy</rss>");
    expect(httpProxy.connections()).toBeGreaterThan(0);
    await fetcher.close();
  });

  it("a SOCKS5 proxy from ALL_PROXY carries the request", async () => {
    const fetcher = createFetcher({ env: { ALL_PROXY: socksProxy.url }, limits: { retries: 0 } });
    const before = socksProxy.connections();
    const result = await fetcher.fetch({ url: `${server.url}/feed.xml`, kind: "feed" });
    expect(result.ok && result.value.status === "fetched" && result.value.text).toBe("<rss>via proxy</rss>");
    expect(socksProxy.connections()).toBe(before + 1);
    await fetcher.close();
  });

  it("NO_PROXY sends the request direct", async () => {
    const fetcher = createFetcher({ env: { ALL_PROXY: socksProxy.url, NO_PROXY: "127.0.0.1" }, limits: { retries: 0 } });
    const before = socksProxy.connections();
    const result = await fetcher.fetch({ url: `${server.url}/feed.xml`, kind: "feed" });
    expect(result.ok).toBe(true);
    expect(socksProxy.connections()).toBe(before);
    await fetcher.close();
  });

  it.each([
    ["an HTTP proxy that is not running", "http://127.0.0.1:1"],
    ["a SOCKS5 proxy that is not running", "socks5://127.0.0.1:1"],
  ])("%s is fetch.proxy", async (_name, proxy) => {
    const fetcher = createFetcher({ env: {}, limits: { retries: 0 } });
    const result = await fetcher.fetch({ url: `${server.url}/feed.xml`, kind: "feed", proxy });
    expect(!result.ok && result.failure.code).toBe("fetch.proxy");
    await fetcher.close();
  });
});
