// The XSS corpus through the cleaner, loaded in headless Chromium with a trap that records any script that runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { cleanArticle, sanitizeHtml } from "../../src/content/index.js";
import { launchBrowser } from "../support/browser.js";
import { XSS_VECTORS } from "./xss-vectors.js";

const BASE = "https://news.example/2024/01/story.html";

/** Every way a payload could show it ran: dialogs, a global flag, a title change, or a navigation. */
const TRAP = `<script>
window.__ran = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = function () { window.__ran.push(name + ":" + Array.from(arguments).join(",")); };
}
</script>`;

function page(bodies: string[]): string {
  return `<!doctype html><html><head><meta charset="utf-8">${TRAP}</head><body>${bodies.map((b, i) => `<section id="v${i}">${b}</section>`).join("\n")}</body></html>`;
}

/** Fires what a reader could trigger: pointer and focus events on every element, clicks on non-web links. */
async function provoke(p: Page): Promise<string[]> {
  return p.evaluate(async () => {
    for (const element of Array.from(document.querySelectorAll("body *"))) {
      for (const type of ["mouseover", "mouseenter", "focus", "mousedown", "mouseup", "animationstart", "toggle"]) {
        element.dispatchEvent(new Event(type, { bubbles: true }));
      }
      const href = element.getAttribute("href") ?? element.getAttribute("xlink:href");
      if (href !== null && !/^(https?:|mailto:|#|\/)/i.test(href.trim())) (element as HTMLElement).click?.();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    return (window as unknown as { __ran: string[] }).__ran;
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => browser?.close());

async function runInBrowser(bodies: string[]): Promise<string[]> {
  const p = await browser.newPage();
  const errors: string[] = [];
  p.on("pageerror", (error) => errors.push(error.message));
  // Nothing leaves the machine: external scripts and images simply fail to load.
  await p.route("**/*", (route) => route.abort());
  await p.setContent(page(bodies), { waitUntil: "load" });
  const ran = await provoke(p);
  await p.close();
  return ran;
}

describe("XSS vectors in Chromium", () => {
  it("the trap catches a payload that is not cleaned (so the check can fail)", async () => {
    const ran = await runInBrowser([`<img src="x" onerror="alert('raw')">`, `<a href="javascript:alert('link')">x</a>`]);
    expect(ran).toContain("alert:raw");
  });

  it(`no script runs from any of the ${XSS_VECTORS.length} vectors after sanitizeHtml`, async () => {
    const ran = await runInBrowser(XSS_VECTORS.map((v) => sanitizeHtml(v, BASE)));
    expect(ran).toEqual([]);
  });

  it("no script runs from any vector after the whole cleaning pipeline", async () => {
    const bodies = XSS_VECTORS.map((html) =>
      cleanArticle({ title: "t", link: BASE, guid: null, published: null, author: null, html, categories: [] }, { clean: true, remove: [] }).html,
    );
    expect(await runInBrowser(bodies)).toEqual([]);
  });
});
