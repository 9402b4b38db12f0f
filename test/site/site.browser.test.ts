// The built site in headless Chromium under a sub-path: browse home -> source -> post and back, search in both
// scripts, the 简/繁 toggle, no console errors, a post's script blocked by the CSP; screenshots at two widths.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, createSiteServer } from "../../src/site/index.js";
import { launchBrowser } from "../support/browser.js";
import { sharedPath } from "../support/paths.js";

const GOLDEN_NAME = "2023-12-07-王毅會緬甸外長談電信詐騙 一同表態堅決打擊.md";
const GOLDEN_TITLE = "王毅會緬甸外長談電信詐騙 一同表態堅決打擊";
const SCREENSHOTS = fileURLToPath(new URL("../../test-output/screenshots/", import.meta.url));
const BASE = "/mirror";

let dir: string;
let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "nm-browse-"));
  mkdirSync(join(dir, "_posts"));
  copyFileSync(sharedPath("golden/cna-2023-12-07.expected.md"), join(dir, "_posts", GOLDEN_NAME));
  const corpus = readdirSync(sharedPath("corpus/posts")).sort();
  for (const name of corpus.filter((_, i) => i % 60 === 0)) copyFileSync(sharedPath(`corpus/posts/${name}`), join(dir, "_posts", name));
  // A post that still carries a script (old archives were never cleaned): the CSP must stop it.
  writeFileSync(
    join(dir, "_posts", "2023-12-08-hostile.md"),
    "---\nlayout: post\ntitle: \"Hostile post\"\ndate: 2023-12-08T00:00:00.000Z\nauthor: x\nfrom: https://evil.example/1\ntags: [ Evil ]\ncomments: True\ncategories: [ Evil ]\n---\n<!--1701993600000-->\n[Hostile post](https://evil.example/1)\n------\n\n<div>\n<p>text</p><script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">\n</div>\n",
  );
  const built = await buildSite({ dir, baseUrl: BASE });
  if (!built.ok) throw new Error(built.failure.message);
  server = createSiteServer(join(dir, "_site"), BASE);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function openPage(width: number): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on("console", (message) => {
    // Blocked by the CSP, or an article's own hot-linked picture aborted below: expected, not the site's fault.
    if (message.type() === "error" && !/Content Security Policy|Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  // The theme requests nothing outside the site; only an article's own pictures may point elsewhere (hot-linked
  // images of old posts), and those are simply not loaded here.
  await page.route("**/*", (route) => {
    const request = route.request();
    if (request.url().startsWith(origin)) return route.continue();
    if (!["image", "media"].includes(request.resourceType())) errors.push(`external ${request.resourceType()} request: ${request.url()}`);
    return route.abort();
  });
  return { page, errors };
}

describe("the site in a browser", () => {
  it.each([390, 1280])("browses home -> source -> post and back at %i px", async (width) => {
    const { page, errors } = await openPage(width);
    await page.goto(`${origin}${BASE}/`);
    await page.screenshot({ path: join(SCREENSHOTS, `home-${width}.png`), fullPage: false });
    await page.getByRole("link", { name: "(臺)中央社CNA" }).first().click();
    await expect.poll(() => page.url()).toContain("/source/");
    await page.getByRole("link", { name: GOLDEN_TITLE }).first().click();
    await expect.poll(() => page.title()).toContain("王毅會緬甸外長");
    expect(await page.locator("main").innerText()).toContain("丹瑞則說");
    await page.screenshot({ path: join(SCREENSHOTS, `post-${width}.png`), fullPage: false });
    await page.goBack();
    await expect.poll(() => page.url()).toContain("/source/");
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(["詐騙", "诈骗"])("search for %s finds the golden post", async (query) => {
    const { page, errors } = await openPage(1280);
    await page.goto(`${origin}${BASE}/search/index.html?q=${encodeURIComponent(query)}`);
    await expect.poll(async () => page.locator("#search-results").innerText(), { timeout: 10_000 }).toContain("王毅會緬甸外長");
    if (query === "诈骗") await page.screenshot({ path: join(SCREENSHOTS, "search-1280.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("converts the page with the 简/繁 toggle and remembers it on the next page", async () => {
    const { page, errors } = await openPage(1280);
    await page.goto(`${origin}${BASE}/`);
    const toggle = page.locator("#zh-toggle");
    await expect.poll(() => toggle.isVisible()).toBe(true);
    await toggle.click();
    await expect.poll(async () => page.locator("main").innerText(), { timeout: 10_000 }).toContain("王毅会缅甸外长谈电信诈骗");
    await page.getByRole("link", { name: /王毅会缅甸外长/ }).first().click();
    await expect.poll(async () => page.locator("main").innerText(), { timeout: 10_000 }).toContain("丹瑞则说");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("does not run a script left in an old post", async () => {
    const { page } = await openPage(1280);
    await page.goto(`${origin}${BASE}/`);
    await page.getByRole("link", { name: "Hostile post" }).first().click();
    await expect.poll(() => page.title()).toContain("Hostile post");
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
    await page.close();
  });
});
