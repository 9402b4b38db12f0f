// Which proxy a request goes through (per source, else HTTPS_PROXY / HTTP_PROXY / ALL_PROXY minus NO_PROXY) and its dispatcher.
import { Agent, ProxyAgent, type Dispatcher } from "undici";
import { socksDispatcher } from "fetch-socks";

/** Proxy URL schemes understood: HTTP CONNECT proxies and SOCKS (RFC 1928; socks5h resolves names at the proxy). */
const PROXY_SCHEMES: ReadonlyMap<string, "http" | "socks5" | "socks4"> = new Map([
  ["http:", "http"],
  ["https:", "http"],
  ["socks:", "socks5"],
  ["socks5:", "socks5"],
  ["socks5h:", "socks5"],
  ["socks4:", "socks4"],
  ["socks4a:", "socks4"],
]);

function envValue(env: Record<string, string | undefined>, name: string): string | null {
  const value = env[name] ?? env[name.toLowerCase()];
  return value === undefined || value.trim() === "" ? null : value.trim();
}

/**
 * True when NO_PROXY exempts the target. The curl/wget convention most tools share: comma- or space-separated
 * entries; `*` matches all; an entry matches the host itself and its subdomains, a leading dot or `*.` is
 * ignored; `host:port` matches that port only.
 */
export function isExemptFromProxy(target: URL, noProxy: string | null): boolean {
  if (noProxy === null) return false;
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    const { name, port: entryPort } = splitNoProxyEntry(entry);
    if (entryPort !== null && entryPort !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** `host`, `host:port`, `[v6]:port` or a bare IPv6 literal (several colons, no port), without `.` or `*.` prefix. */
function splitNoProxyEntry(entry: string): { name: string; port: string | null } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1] ?? "", port: bracketed[2] ?? null };
  if ((entry.match(/:/g) ?? []).length > 1) return { name: entry, port: null };
  const [name = "", port = null] = entry.split(":");
  return { name: name.replace(/^\*?\./, ""), port };
}

/**
 * The proxy URL for a target: the request's own (per source), else HTTPS_PROXY for https:, HTTP_PROXY for
 * http:, then ALL_PROXY; the environment ones give way to NO_PROXY. Lower-case names are read too. A source's
 * own proxy is always used: it was set for that source on purpose.
 */
export function chooseProxy(target: URL, own: string | null | undefined, env: Record<string, string | undefined>): string | null {
  if (own !== undefined && own !== null && own.trim() !== "") return own.trim();
  const byScheme = target.protocol === "https:" ? envValue(env, "HTTPS_PROXY") : envValue(env, "HTTP_PROXY");
  const chosen = byScheme ?? envValue(env, "ALL_PROXY");
  if (chosen === null) return null;
  return isExemptFromProxy(target, envValue(env, "NO_PROXY")) ? null : chosen;
}

export type ProxyParse = { ok: true; url: URL; kind: "http" | "socks5" | "socks4" } | { ok: false; reason: string };

/** A proxy setting as a URL of a known scheme with a host and port. */
export function parseProxy(proxy: string): ProxyParse {
  let url: URL;
  try {
    url = new URL(proxy.includes("://") ? proxy : `http://${proxy}`);
  } catch {
    return { ok: false, reason: `"${proxy}" is not a URL` };
  }
  const kind = PROXY_SCHEMES.get(url.protocol);
  if (kind === undefined) return { ok: false, reason: `scheme ${url.protocol} is not one of http, https, socks5, socks4` };
  if (url.hostname === "") return { ok: false, reason: `"${proxy}" has no host` };
  if (kind !== "http" && url.port === "") return { ok: false, reason: `"${proxy}" needs a port (socks5://HOST:PORT)` };
  return { ok: true, url, kind };
}

export interface DispatcherOptions {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
}

/**
 * undici's own header and body timeouts, a second line behind the fetcher's total timeout: set a little later so
 * the fetcher's, which covers the whole try, is the one that fires.
 */
function backstopTimeouts(options: DispatcherOptions): { headersTimeout: number; bodyTimeout: number } {
  const backstop = options.totalTimeoutMs + 1000;
  return { headersTimeout: backstop, bodyTimeout: backstop };
}

/** The direct dispatcher: a connection pool per origin. */
export function createDirectDispatcher(options: DispatcherOptions): Dispatcher {
  return new Agent({ connect: { timeout: options.connectTimeoutMs }, ...backstopTimeouts(options) });
}

/** A dispatcher that sends every request through `proxy` (already parsed). */
export function createProxyDispatcher(proxy: Extract<ProxyParse, { ok: true }>, options: DispatcherOptions): Dispatcher {
  const timeouts = backstopTimeouts(options);
  if (proxy.kind === "http") {
    return new ProxyAgent({
      uri: proxy.url.href,
      ...timeouts,
      connect: { timeout: options.connectTimeoutMs },
      proxyTls: { timeout: options.connectTimeoutMs },
    });
  }
  return socksDispatcher(
    {
      type: proxy.kind === "socks5" ? 5 : 4,
      host: proxy.url.hostname.replace(/^\[|\]$/g, ""),
      port: Number(proxy.url.port),
      userId: proxy.url.username ? decodeURIComponent(proxy.url.username) : undefined,
      password: proxy.url.password ? decodeURIComponent(proxy.url.password) : undefined,
    },
    { ...timeouts, connect: { timeout: options.connectTimeoutMs } },
  );
}
