// Tests src/site/static-server.ts: serving the built site on a loopback port, under a base path.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSiteServer } from "../../src/site/static-server.js";

const root = mkdtempSync(join(tmpdir(), "newsmirror-serve-"));
mkdirSync(join(root, "2023-12-07", "臺 灣"), { recursive: true });
writeFileSync(join(root, "index.html"), "home");
writeFileSync(join(root, "404.html"), "missing");
writeFileSync(join(root, "feed.xml"), "<feed/>");
writeFileSync(join(root, "2023-12-07", "臺 灣", "index.html"), "post");
writeFileSync(join(root, "..", "newsmirror-secret.txt"), "secret");

const servers: ReturnType<typeof createSiteServer>[] = [];
async function start(baseurl: string): Promise<string> {
  const server = createSiteServer(root, baseurl);
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let plain = "";
let based = "";
beforeAll(async () => {
  plain = await start("");
  based = await start("/news");
});
afterAll(() => {
  for (const server of servers) server.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(join(root, "..", "newsmirror-secret.txt"), { force: true });
});

describe("createSiteServer", () => {
  it.each([
    ["the home page", "/", 200, "home", "text/html; charset=utf-8"],
    ["a folder without its slash", "/2023-12-07/%E8%87%BA%20%E7%81%A3", 200, "post", "text/html; charset=utf-8"],
    ["a post by its escaped URL", "/2023-12-07/%E8%87%BA%20%E7%81%A3/", 200, "post", "text/html; charset=utf-8"],
    ["a feed with its type", "/feed.xml", 200, "<feed/>", "application/xml; charset=utf-8"],
    ["a missing page gets 404.html", "/nope/", 404, "missing", "text/html; charset=utf-8"],
    ["no way out of the root", "/..%2Fnewsmirror-secret.txt", 404, "missing", "text/html; charset=utf-8"],
    ["a broken escape is a 404", "/%E0%A4%A", 404, "missing", "text/html; charset=utf-8"],
  ])("%s", async (_reason, path, status, body, type) => {
    const response = await fetch(plain + path);
    expect(response.status).toBe(status);
    expect(await response.text()).toBe(body);
    expect(response.headers.get("content-type")).toBe(type);
  });

  it("serves under its base path only, redirecting / there", async () => {
    expect(await (await fetch(`${based}/news/`)).text()).toBe("home");
    expect((await fetch(`${based}/index.html`)).status).toBe(404);
    const redirect = await fetch(`${based}/`, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("/news/");
  });

  it("refuses methods other than GET and HEAD", async () => {
    expect((await fetch(plain, { method: "POST" })).status).toBe(405);
    const head = await fetch(plain, { method: "HEAD" });
    expect(head.status).toBe(200);
  });
});
