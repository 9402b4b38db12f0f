// A real HTTP server on 127.0.0.1 (port 0) for tests: routes to handlers, ready-made good and misbehaving replies, and test proxies.
//
// Usage:
//   const server = await startFixtureServer({
//     "/feed.xml": serveFile(sharedPath("golden/cna-2023-12-07.feed.xml"), { contentType: "application/rss+xml", etag: '"v1"' }),
//     "/moved": redirect("/feed.xml", 301),
//     "/flaky": statusSequence([500, 503], serveText("<rss/>", "application/rss+xml")),
//   });
//   ... fetch `${server.url}/feed.xml` ...; server.hits("/feed.xml"); server.requests[0].headers
//   await server.close();
//
// Routes match the request path with its query first, then the path alone; anything else is a 404.
// `requests` logs every request in arrival order; `hits(path)` counts them for one route.
// Misbehaving handlers: redirect, status, sequence, statusSequence, retryAfter, reset, slowDrip, gzipBomb,
// truncated, endless, delayed. Proxies: startHttpProxy (CONNECT and absolute-form) and startSocks5Proxy
// (no authentication), each counting the connections made through it.
import { readFile } from "node:fs/promises";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import net, { type AddressInfo, type Socket } from "node:net";
import zlib from "node:zlib";

export interface FixtureServer {
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
  hits(path: string): number;
  requests: Array<{ path: string; headers: Record<string, string | string[] | undefined> }>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

/** Tracks sockets so close() ends even with slow or kept-alive connections still open. */
function trackSockets(server: net.Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return sockets;
}

function closeServer(server: net.Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startFixtureServer(routes: Record<string, Handler>): Promise<FixtureServer> {
  const requests: FixtureServer["requests"] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push({ path, headers: { ...req.headers } });
    const handler = routes[path] ?? routes[path.split("?")[0] ?? path];
    if (handler === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`no route for ${path}`);
      return;
    }
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  const sockets = trackSockets(server);
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    hits: (path) => requests.filter((request) => request.path === path || request.path.split("?")[0] === path).length,
    close: () => closeServer(server, sockets),
  };
}

/** True when the request's If-None-Match or If-Modified-Since matches (RFC 9110 13.1.2, 13.1.3: If-None-Match wins). */
function isStillFresh(req: IncomingMessage, etag: string | undefined, lastModified: string | undefined): boolean {
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch !== undefined) {
    if (etag === undefined) return false;
    const weak = (tag: string) => tag.trim().replace(/^W\//, "");
    return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || weak(tag) === weak(etag));
  }
  const ifModifiedSince = req.headers["if-modified-since"];
  if (ifModifiedSince === undefined || lastModified === undefined) return false;
  return Date.parse(lastModified) <= Date.parse(ifModifiedSince);
}

export interface ServeOptions {
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** Compress when the client accepts gzip. */
  gzip?: boolean;
  /** Compress with this coding whatever the client says ("deflate-raw" is raw DEFLATE sent as "deflate"). */
  encoding?: "gzip" | "deflate" | "deflate-raw" | "br";
  headers?: Record<string, string>;
}

function encodeBody(body: Buffer, encoding: NonNullable<ServeOptions["encoding"]>): { bytes: Buffer; header: string } {
  if (encoding === "gzip") return { bytes: zlib.gzipSync(body), header: "gzip" };
  if (encoding === "deflate") return { bytes: zlib.deflateSync(body), header: "deflate" };
  if (encoding === "deflate-raw") return { bytes: zlib.deflateRawSync(body), header: "deflate" };
  return { bytes: zlib.brotliCompressSync(body), header: "br" };
}

function sendBody(req: IncomingMessage, res: ServerResponse, body: Buffer, options: ServeOptions): void {
  if (isStillFresh(req, options.etag, options.lastModified)) {
    res.writeHead(304, { ...(options.etag ? { etag: options.etag } : {}), ...(options.lastModified ? { "last-modified": options.lastModified } : {}) }).end();
    return;
  }
  const headers: Record<string, string> = { ...options.headers };
  if (options.contentType) headers["content-type"] = options.contentType;
  if (options.etag) headers["etag"] = options.etag;
  if (options.lastModified) headers["last-modified"] = options.lastModified;
  const acceptsGzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const encoding = options.encoding ?? (options.gzip && acceptsGzip ? "gzip" : undefined);
  let bytes = body;
  if (encoding !== undefined) {
    const encoded = encodeBody(body, encoding);
    bytes = encoded.bytes;
    headers["content-encoding"] = encoded.header;
  }
  headers["content-length"] = String(bytes.length);
  res.writeHead(200, headers).end(bytes);
}

/** Serves a file (read on each request), answering 304 to a matching conditional GET. */
export function serveFile(path: string, options: ServeOptions = {}): Handler {
  return async (req, res) => sendBody(req, res, await readFile(path), options);
}

/** Serves fixed text or bytes; options as for serveFile. */
export function serveText(body: string | Uint8Array, contentType: string, options: ServeOptions = {}): Handler {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
  return (req, res) => sendBody(req, res, bytes, { ...options, contentType });
}

/** A redirect to `location` (absolute or relative). */
export function redirect(location: string, status = 302): Handler {
  return (_req, res) => void res.writeHead(status, { location, "content-type": "text/plain" }).end(`see ${location}`);
}

/** A bare status with a short body. */
export function status(code: number, headers: Record<string, string> = {}): Handler {
  return (_req, res) => void res.writeHead(code, { "content-type": "text/plain", ...headers }).end(`status ${code}`);
}

/** The n-th request gets handlers[n]; after the last, the last one keeps answering. */
export function sequence(handlers: Handler[]): Handler {
  let count = 0;
  return (req, res) => {
    const handler = handlers[Math.min(count, handlers.length - 1)];
    count += 1;
    return handler?.(req, res);
  };
}

/** These statuses in turn, then `then` for every later request: `statusSequence([500, 502], serveText(...))`. */
export function statusSequence(statuses: number[], then: Handler): Handler {
  return sequence([...statuses.map((code) => status(code)), then]);
}

/** First a `code` (429 by default) with `Retry-After: value`, then `then`. */
export function retryAfter(value: string, then: Handler, code = 429): Handler {
  return sequence([status(code, { "retry-after": value }), then]);
}

/** Resets the connection (TCP RST) without any reply. */
export function reset(): Handler {
  return (req) => {
    req.socket.resetAndDestroy();
  };
}

/** Sends headers, then `chunk` every `intervalMs` for `count` times: a server slower than the client's patience. */
export function slowDrip(options: { chunk?: string; intervalMs?: number; count?: number; contentType?: string } = {}): Handler {
  const { chunk = "<!-- drip -->\n", intervalMs = 50, count = 1000, contentType = "application/rss+xml" } = options;
  return (req, res) =>
    new Promise<void>((resolve) => {
      res.writeHead(200, { "content-type": contentType });
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed || sent >= count) {
          clearInterval(timer);
          res.end();
          resolve();
          return;
        }
        res.write(chunk);
        sent += 1;
      }, intervalMs);
      req.socket.on("close", () => {
        clearInterval(timer);
        resolve();
      });
    });
}

const bombs = new Map<number, Buffer>();

/**
 * Gzip of `decompressedBytes` zero bytes (kilobytes on the wire, megabytes once inflated), made once per size.
 * Built as concatenated gzip members of 1 MiB each (RFC 1952 2.2 allows several members), which is quick to make.
 */
export function gzipBombBytes(decompressedBytes: number): Buffer {
  let bomb = bombs.get(decompressedBytes);
  if (bomb === undefined) {
    const member = 1024 * 1024;
    const whole = zlib.gzipSync(Buffer.alloc(member));
    const rest = decompressedBytes % member;
    const parts = Array.from({ length: Math.floor(decompressedBytes / member) }, () => whole);
    if (rest > 0) parts.push(zlib.gzipSync(Buffer.alloc(rest)));
    bomb = Buffer.concat(parts);
    bombs.set(decompressedBytes, bomb);
  }
  return bomb;
}

/** A small gzip body that inflates to `decompressedBytes` (default 64 MiB). */
export function gzipBomb(decompressedBytes = 64 * 1024 * 1024, contentType = "application/rss+xml"): Handler {
  return (_req, res) => {
    const bytes = gzipBombBytes(decompressedBytes);
    res.writeHead(200, { "content-type": contentType, "content-encoding": "gzip", "content-length": String(bytes.length) }).end(bytes);
  };
}

/** Announces `declaredLength` bytes (default: twice the body), sends `body`, then closes the connection. */
export function truncated(body: string, declaredLength?: number, contentType = "application/rss+xml"): Handler {
  return (req, res) => {
    const bytes = Buffer.from(body, "utf8");
    res.writeHead(200, { "content-type": contentType, "content-length": String(declaredLength ?? bytes.length * 2) });
    res.write(bytes, () => req.socket.destroy());
  };
}

/** Streams `chunk` without end and without Content-Length until the client goes away: an oversize body. */
export function endless(chunk = "x".repeat(64 * 1024), contentType = "application/octet-stream"): Handler {
  return (req, res) =>
    new Promise<void>((resolve) => {
      res.writeHead(200, { "content-type": contentType });
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) {
          /* keep writing while the socket takes it */
        }
        if (!res.destroyed) res.once("drain", pump);
      };
      req.socket.on("close", () => resolve());
      pump();
    });
}

/** `handler` after `ms`; with a counter of requests in progress at once (for politeness tests). */
export function delayed(ms: number, handler: Handler): Handler & { active: () => number; peak: () => number } {
  let active = 0;
  let peak = 0;
  const wrapped = async (req: IncomingMessage, res: ServerResponse) => {
    active += 1;
    peak = Math.max(peak, active);
    await new Promise((resolve) => setTimeout(resolve, ms));
    active -= 1;
    await handler(req, res);
  };
  return Object.assign(wrapped, { active: () => active, peak: () => peak });
}

export interface TestProxy {
  /** http://127.0.0.1:PORT or socks5://127.0.0.1:PORT */
  url: string;
  /** Connections opened through the proxy so far (CONNECT tunnels, forwarded requests or SOCKS sessions). */
  connections(): number;
  close(): Promise<void>;
}

function splice(client: Socket, host: string, port: number, onOpen: (upstream: Socket) => void): void {
  const upstream = net.connect(port, host, () => onOpen(upstream));
  upstream.on("error", () => client.destroy());
  client.on("error", () => upstream.destroy());
  client.on("close", () => upstream.destroy());
  upstream.on("close", () => client.destroy());
}

/** An HTTP proxy: CONNECT tunnels (RFC 9110 9.3.6) and absolute-form GETs (RFC 9112 3.2.2). */
export async function startHttpProxy(): Promise<TestProxy> {
  let connections = 0;
  const server = http.createServer((req, res) => {
    connections += 1;
    const target = new URL(req.url ?? "");
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    connections += 1;
    const [host = "", port = "80"] = (req.url ?? "").split(/:(?=\d+$)/);
    splice(client, host, Number(port), (upstream) => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });
  const sockets = trackSockets(server);
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, connections: () => connections, close: () => closeServer(server, sockets) };
}

/** A SOCKS5 proxy without authentication supporting CONNECT to IPv4 addresses and names (RFC 1928). */
export async function startSocks5Proxy(): Promise<TestProxy> {
  let connections = 0;
  const server = net.createServer((client) => {
    client.once("data", (greeting) => {
      if (greeting[0] !== 5) return client.destroy();
      client.write(Buffer.from([5, 0])); // version 5, method "no authentication"
      client.once("data", (request) => {
        const type = request[3];
        let host: string;
        let offset: number;
        if (type === 1) {
          host = [...request.subarray(4, 8)].join(".");
          offset = 8;
        } else if (type === 3) {
          const length = request[4] ?? 0;
          host = request.subarray(5, 5 + length).toString("latin1");
          offset = 5 + length;
        } else {
          client.end(Buffer.from([5, 8, 0, 1, 0, 0, 0, 0, 0, 0])); // address type not supported
          return;
        }
        const port = request.readUInt16BE(offset);
        connections += 1;
        splice(client, host, port, (upstream) => {
          client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
          upstream.pipe(client);
          client.pipe(upstream);
        });
      });
    });
  });
  const sockets = trackSockets(server);
  const port = await listen(server);
  return { url: `socks5://127.0.0.1:${port}`, connections: () => connections, close: () => closeServer(server, sockets) };
}
