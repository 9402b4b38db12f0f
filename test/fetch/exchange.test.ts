// One GET against the loopback server: success bodies kept, other replies drained, errors as values.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "undici";
import { exchange } from "../../src/fetch/exchange.js";
import { redirect, serveText, startFixtureServer, status, type FixtureServer } from "../support/fixture-server.js";

let server: FixtureServer;
const dispatcher = new Agent({ connect: { timeout: 2000 } });
const options = (maxBytes = 1 << 20) => ({ dispatcher, headers: { "accept-encoding": "gzip" }, signal: new AbortController().signal, maxBytes, proxy: null });

beforeAll(async () => {
  server = await startFixtureServer({
    "/ok": serveText("hello", "text/plain", { gzip: true }),
    "/moved": redirect("/ok", 301),
    "/gone": status(410),
    "/big": serveText("x".repeat(5000), "text/plain"),
  });
});

afterAll(async () => {
  await Promise.all([server.close(), dispatcher.close()]);
});

describe("exchange", () => {
  it("a 200 gives its decompressed body and headers", async () => {
    const reply = await exchange(new URL(`${server.url}/ok`), options());
    expect(reply.ok && Buffer.from(reply.bytes ?? []).toString()).toBe("hello");
    expect(reply.ok && reply.headers["content-encoding"]).toBe("gzip");
  });

  it.each([
    ["a redirect is returned, not followed", "/moved", 301],
    ["an error status is returned with no body", "/gone", 410],
  ])("%s", async (_name, path, code) => {
    const reply = await exchange(new URL(`${server.url}${path}`), options());
    expect(reply.ok && reply.status).toBe(code);
    expect(reply.ok && reply.bytes).toBeNull();
  });

  it("a Content-Length over the cap fails before reading", async () => {
    const reply = await exchange(new URL(`${server.url}/big`), options(1000));
    expect(!reply.ok && reply.failure.code).toBe("fetch.too-large");
    expect(!reply.ok && reply.retryable).toBe(false);
  });

  it("a closed port is a retryable network failure", async () => {
    const reply = await exchange(new URL("http://127.0.0.1:1/"), options());
    expect(!reply.ok && reply.failure.code).toBe("fetch.network");
    expect(!reply.ok && reply.retryable).toBe(true);
  });
});
