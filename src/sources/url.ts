// Which URLs a source may name: feed URLs, proxy URLs, and the key two spellings of one feed share.

/** Feeds are fetched over HTTP only (the fetch stage speaks nothing else). */
const FEED_PROTOCOLS = new Set(["http:", "https:"]);

/** Proxies the fetch stage can use: undici's ProxyAgent (http, https) and fetch-socks (socks5). */
const PROXY_PROTOCOLS = new Set(["http:", "https:", "socks5:"]);

/** Null when `text` is an absolute http(s) URL with a host, else why not. */
export function whyNotFeedUrl(text: string): string | null {
  const url = parseUrl(text);
  if (!url) return `${JSON.stringify(text)} is not an absolute URL; write it as https://host/path`;
  if (!FEED_PROTOCOLS.has(url.protocol)) return `${JSON.stringify(text)} is not an http:// or https:// URL`;
  if (url.hostname === "") return `${JSON.stringify(text)} has no host name`;
  return null;
}

/** Null when `text` is a proxy URL the fetch stage supports, else why not. */
export function whyNotProxyUrl(text: string): string | null {
  const url = parseUrl(text);
  if (!url || url.hostname === "") {
    return `${JSON.stringify(text)} is not a proxy URL; write it as http://host:port or socks5://host:port`;
  }
  if (!PROXY_PROTOCOLS.has(url.protocol)) {
    return `${JSON.stringify(text)} uses ${url.protocol.slice(0, -1)}; a proxy must be http://, https:// or socks5://`;
  }
  return null;
}

/**
 * The key under which two spellings of one feed URL are the same source: the WHATWG URL
 * serialisation (lower-case scheme and host, default port dropped, "/" for an empty path).
 * "HTTPS://Example.com:443" and "https://example.com/" are one feed.
 */
export function sourceKey(text: string): string {
  return parseUrl(text)?.href ?? text;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
