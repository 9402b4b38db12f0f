// Redirect following with a scripted hop: bounds, loops, relative targets and permanent-move reporting.
import { describe, expect, it } from "vitest";
import type { Exchange } from "../../src/fetch/exchange.js";
import { followRedirects, isRedirect } from "../../src/fetch/redirect.js";

/** A hop that answers from a table of URL -> [status, location]; anything else is a 200. */
function scripted(table: Record<string, [number, string?]>) {
  const visited: string[] = [];
  const hop = async (url: URL): Promise<Exchange> => {
    visited.push(url.href);
    const [status, location] = table[url.href] ?? [200];
    return { ok: true, status, headers: location === undefined ? {} : { location }, bytes: status === 200 ? new Uint8Array([1]) : null };
  };
  return { hop, visited };
}

describe("followRedirects", () => {
  it("a relative Location resolves against the current URL", async () => {
    const { hop } = scripted({ "https://a.example/x/feed": [302, "../rss.xml"] });
    const followed = await followRedirects(new URL("https://a.example/x/feed"), 5, hop);
    expect(followed.ok && followed.finalUrl.href).toBe("https://a.example/rss.xml");
  });

  it.each([
    ["301 first hop is reported", 301, "https://b.example/feed"],
    ["308 first hop is reported", 308, "https://b.example/feed"],
    ["302 is temporary: nothing to report", 302, null],
    ["307 is temporary", 307, null],
  ])("%s", async (_name, status, expected) => {
    const { hop } = scripted({ "https://a.example/feed": [status, "https://b.example/feed"] });
    const followed = await followRedirects(new URL("https://a.example/feed"), 5, hop);
    expect(followed.ok && followed.permanentRedirect).toBe(expected);
  });

  it("a 301 on a later hop is not reported: the source's own URL only moved temporarily", async () => {
    const { hop } = scripted({ "https://a.example/": [302, "https://b.example/"], "https://b.example/": [301, "https://c.example/"] });
    const followed = await followRedirects(new URL("https://a.example/"), 5, hop);
    expect(followed.ok && followed.permanentRedirect).toBeNull();
    expect(followed.ok && followed.finalUrl.href).toBe("https://c.example/");
  });

  it("a loop is caught at the first repeated URL", async () => {
    const { hop, visited } = scripted({ "https://a.example/": [302, "/b"], "https://a.example/b": [302, "/"] });
    const followed = await followRedirects(new URL("https://a.example/"), 5, hop);
    expect(!followed.ok && followed.failure.code).toBe("fetch.redirect-loop");
    expect(visited).toHaveLength(2);
  });

  it("a self-redirect is a loop", async () => {
    const { hop } = scripted({ "https://a.example/": [301, "https://a.example/"] });
    const followed = await followRedirects(new URL("https://a.example/"), 5, hop);
    expect(!followed.ok && followed.failure.code).toBe("fetch.redirect-loop");
  });

  it("the number of redirects is bounded", async () => {
    const table: Record<string, [number, string]> = {};
    for (let index = 0; index < 10; index += 1) table[`https://a.example/${index}`] = [302, `/${index + 1}`];
    const { hop, visited } = scripted(table);
    const followed = await followRedirects(new URL("https://a.example/0"), 3, hop);
    expect(!followed.ok && followed.failure.code).toBe("fetch.redirect-loop");
    expect(visited).toHaveLength(4);
  });

  it.each([
    ["a javascript: target", "javascript:alert(1)", "fetch.bad-url"],
    ["a target that is no URL", "http://[::bad", "fetch.bad-url"],
  ])("%s is refused", async (_name, location, code) => {
    const { hop } = scripted({ "https://a.example/": [302, location] });
    const followed = await followRedirects(new URL("https://a.example/"), 5, hop);
    expect(!followed.ok && followed.failure.code).toBe(code);
  });

  it("a fragment in Location is dropped", async () => {
    const { hop } = scripted({ "https://a.example/": [302, "/feed#top"] });
    const followed = await followRedirects(new URL("https://a.example/"), 5, hop);
    expect(followed.ok && followed.finalUrl.href).toBe("https://a.example/feed");
  });

  it("isRedirect knows which statuses carry a Location to follow", () => {
    expect([300, 301, 302, 303, 304, 307, 308].filter(isRedirect)).toEqual([301, 302, 303, 307, 308]);
  });
});
