// Thrown network errors as failures: timeouts, proxy trouble, everything else a network failure.
import { describe, expect, it } from "vitest";
import { classifyNetworkError, describeCause } from "../../src/fetch/fetch-failure.js";

const URL_ = new URL("https://news.example.com/feed.xml");
const PROXY = new URL("socks5://127.0.0.1:1080");

function coded(message: string, code: string, cause?: unknown): Error {
  return Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });
}

describe("classifyNetworkError", () => {
  it.each([
    ["undici connect timeout", coded("Connect Timeout Error", "UND_ERR_CONNECT_TIMEOUT"), null, "fetch.timeout"],
    ["undici headers timeout", coded("Headers Timeout Error", "UND_ERR_HEADERS_TIMEOUT"), null, "fetch.timeout"],
    ["connection reset", coded("read ECONNRESET", "ECONNRESET"), null, "fetch.network"],
    ["DNS failure without proxy", coded("getaddrinfo ENOTFOUND news.example.com", "ENOTFOUND"), null, "fetch.network"],
    ["refused while a proxy is in use: the proxy refused", coded("connect ECONNREFUSED 127.0.0.1:1080", "ECONNREFUSED"), PROXY, "fetch.proxy"],
    ["a SOCKS error nested in the cause", new Error("fetch failed", { cause: new Error("Socks5 proxy rejected connection - HostUnreachable") }), PROXY, "fetch.proxy"],
    ["a reset through a proxy is still the network", coded("other side closed", "UND_ERR_SOCKET"), PROXY, "fetch.network"],
    ["not even an Error", "weird", null, "fetch.network"],
  ])("%s", (_name, error, proxy, code) => {
    const { failure, retryable } = classifyNetworkError(error, URL_, proxy);
    expect(failure.code).toBe(code);
    expect(failure.message).toContain("news.example.com");
    expect(failure.url).toBe(URL_.href);
    expect(retryable).toBe(true);
  });

  it("describeCause keeps name, code and message as plain data", () => {
    expect(describeCause(coded("boom", "ECONNRESET"))).toEqual({ name: "Error", code: "ECONNRESET", message: "boom" });
    expect(describeCause(42)).toEqual({ name: "unknown", message: "42" });
  });
});
