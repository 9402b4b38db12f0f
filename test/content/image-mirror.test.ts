// Mirroring pictures: real downloads from a loopback server into a temporary folder.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { admitImage, mirrorImages, sniffImageKind, type ImageFetch } from "../../src/content/image-mirror.js";
import { fail, ok } from "../../src/result.js";
import { serveText, startFixtureServer, statusSequence, type FixtureServer } from "../support/fixture-server.js";

// Smallest byte strings that carry each format's signature (see sniffImageKind for the sources).
const bytes = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "\0\0\0\rIHDR png body");
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], "\0\x10JFIF jpeg body");
const GIF = bytes("GIF89a", [1, 0, 1, 0], "gif body");
const WEBP = bytes("RIFF", [20, 0, 0, 0], "WEBPVP8 webp body");
const AVIF = bytes([0, 0, 0, 0x1c], "ftypavif", [0, 0, 0, 0], "mif1miafMA1B avif body");
const HEIC = bytes([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0], "mif1heic heic body");
const SVG_WITH_SCRIPT = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="4" onload="x()"/></svg>';

function hashName(content: Uint8Array | string, ext: string): string {
  return `${createHash("sha256").update(content).digest("hex").slice(0, 16)}.${ext}`;
}

describe("sniffImageKind", () => {
  it.each([
    ["PNG signature (PNG spec 5.2)", PNG, "png"],
    ["JPEG SOI marker", JPEG, "jpeg"],
    ["GIF89a header", GIF, "gif"],
    ["GIF87a header", bytes("GIF87a..."), "gif"],
    ["RIFF....WEBP", WEBP, "webp"],
    ["ftyp box with the avif brand", AVIF, "avif"],
    ["avif only among the compatible brands", bytes([0, 0, 0, 0x18], "ftypmif1", [0, 0, 0, 0], "avifmiaf"), "avif"],
    ["HEIC is not accepted (browsers cannot show it)", HEIC, null],
    ["SVG after an XML declaration and comment", bytes('<?xml version="1.0"?>\n<!-- c --><svg xmlns="http://www.w3.org/2000/svg"/>'), "svg"],
    ["an HTML error page", bytes("<!doctype html><html><body>Not found</body></html>"), null],
    ["BMP is not accepted", bytes("BM6\0\0\0"), null],
    ["empty bytes", new Uint8Array(), null],
  ] as const)("%s", (_reason, content, kind) => {
    expect(sniffImageKind(content)).toBe(kind);
  });
});

describe("admitImage", () => {
  it.each([
    ["a PNG served as image/png", PNG, "image/png", "png"],
    ["a PNG served as application/octet-stream (bytes decide)", PNG, "application/octet-stream", "png"],
    ["a PNG served without a type", PNG, null, "png"],
    ["a JPEG served as image/png (bytes decide the kind)", JPEG, "image/png; charset=binary", "jpeg"],
  ] as const)("admits %s", (_reason, content, type, kind) => {
    const admitted = admitImage(content, type);
    expect(admitted.ok && admitted.value.kind).toBe(kind);
  });

  it.each([
    ["a PNG served as text/html (a login page's type)", PNG, "text/html", /served as text\/html/],
    ["HTML bytes served as image/jpeg", bytes("<html>denied</html>"), "image/jpeg", /not a JPEG, PNG, GIF, WebP, AVIF or SVG/],
    ["an SVG whose root is not svg", bytes("<svg"), "image/svg+xml", /not an SVG document|not a JPEG/],
  ] as const)("refuses %s", (_reason, content, type, message) => {
    const admitted = admitImage(content, type);
    expect(admitted.ok).toBe(false);
    if (!admitted.ok) expect(admitted.failure.message).toMatch(message);
  });

  it("random bytes and types give a value or a failure, never a throw", () => {
    const types = fc.constantFrom(null, "image/png", "image/svg+xml", "text/html", "", ";;", "application/octet-stream");
    const starts = fc.constantFrom(new Uint8Array(), PNG.subarray(0, 8), bytes("<svg>"), bytes("<?xml"), bytes("RIFF"), bytes([0, 0, 0, 0xff], "ftyp"));
    fc.assert(
      fc.property(starts, fc.uint8Array({ maxLength: 300 }), types, (start, rest, type) => {
        const admitted = admitImage(new Uint8Array([...start, ...rest]), type);
        expect(typeof admitted.ok).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });

  it("stores an SVG only sanitised", () => {
    const admitted = admitImage(new TextEncoder().encode(SVG_WITH_SCRIPT), "image/svg+xml");
    expect(admitted.ok).toBe(true);
    if (admitted.ok) expect(new TextDecoder().decode(admitted.value.bytes)).toBe('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"></circle></svg>');
  });
});

/** Downloads with Node's fetch, refusing bodies over maxBytes, as the fetch stage does. */
const httpFetch: ImageFetch = async (url, maxBytes) => {
  const response = await fetch(url);
  if (!response.ok) return fail({ code: "fetch.status", message: `HTTP ${response.status} from ${url}` });
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > maxBytes) return fail({ code: "fetch.too-large", message: `more than ${maxBytes} bytes from ${url}` });
  return ok({ bytes: body, contentType: response.headers.get("content-type") });
};

describe("mirrorImages", () => {
  let server: FixtureServer;
  let dir: string;
  const big = new Uint8Array(4000).fill(7);
  big.set(PNG);

  beforeAll(async () => {
    server = await startFixtureServer({
      "/a.png": serveText(PNG, "image/png"),
      "/same-as-a.png": serveText(PNG, "image/png"),
      "/b.jpg": serveText(JPEG, "image/jpeg"),
      "/c.gif": serveText(GIF, "image/gif"),
      "/d.webp": serveText(WEBP, "image/webp"),
      "/e.avif": serveText(AVIF, "image/avif"),
      "/icon.svg": serveText(SVG_WITH_SCRIPT, "image/svg+xml"),
      "/login.jpg": serveText("<html>please log in</html>", "text/html"),
      "/big.png": serveText(big, "image/png"),
      "/big2.png": serveText(big.map((b, i) => (i > 20 ? 9 : b)), "image/png"),
      "/big3.png": serveText(big.map((b, i) => (i > 20 ? 11 : b)), "image/png"),
      "/flaky.png": statusSequence([503], serveText(GIF, "image/gif")),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  async function freshDir(): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), "newsmirror-img-"));
    return dir;
  }
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("stores each format under its content hash and maps the URL to the local path", async () => {
    const mirrorDir = await freshDir();
    const urls = ["/a.png", "/b.jpg", "/c.gif", "/d.webp", "/e.avif"].map((p) => server.url + p);
    const { map, failures } = await mirrorImages(urls, { mirrorDir, fetchImage: httpFetch });
    expect(failures).toEqual([]);
    expect(map.get(`${server.url}/a.png`)).toBe(`/assets/img/${hashName(PNG, "png")}`);
    expect(map.get(`${server.url}/b.jpg`)).toBe(`/assets/img/${hashName(JPEG, "jpg")}`);
    expect(map.get(`${server.url}/e.avif`)).toBe(`/assets/img/${hashName(AVIF, "avif")}`);
    expect((await readdir(mirrorDir)).sort()).toEqual([hashName(PNG, "png"), hashName(JPEG, "jpg"), hashName(GIF, "gif"), hashName(WEBP, "webp"), hashName(AVIF, "avif")].sort());
    expect(new Uint8Array(await readFile(join(mirrorDir, hashName(GIF, "gif"))))).toEqual(GIF);
  });

  it("stores a picture used twice once, downloads a repeated URL once, and never rewrites a stored file", async () => {
    const mirrorDir = await freshDir();
    const before = server.hits("/a.png");
    const first = await mirrorImages([`${server.url}/a.png`, `${server.url}/same-as-a.png`, `${server.url}/a.png`], { mirrorDir, fetchImage: httpFetch, urlPrefix: "assets/img/" });
    expect(server.hits("/a.png") - before).toBe(1);
    expect(first.map.get(`${server.url}/a.png`)).toBe(`assets/img/${hashName(PNG, "png")}`);
    expect(first.map.get(`${server.url}/same-as-a.png`)).toBe(first.map.get(`${server.url}/a.png`));
    const stored = join(mirrorDir, hashName(PNG, "png"));
    const { mtimeMs } = await stat(stored);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await mirrorImages([`${server.url}/a.png`], { mirrorDir, fetchImage: httpFetch });
    expect((await stat(stored)).mtimeMs).toBe(mtimeMs);
    expect(await readdir(mirrorDir)).toEqual([hashName(PNG, "png")]); // no temp files left behind
  });

  it("stores SVG sanitised, named by the sanitised bytes", async () => {
    const mirrorDir = await freshDir();
    const { map } = await mirrorImages([`${server.url}/icon.svg`], { mirrorDir, fetchImage: httpFetch });
    const clean = '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"></circle></svg>';
    expect(map.get(`${server.url}/icon.svg`)).toBe(`/assets/img/${hashName(clean, "svg")}`);
    expect(await readFile(join(mirrorDir, hashName(clean, "svg")), "utf8")).toBe(clean);
  });

  it("reports what could not be mirrored and keeps it out of the map", async () => {
    const mirrorDir = await freshDir();
    const { map, failures } = await mirrorImages([`${server.url}/missing.png`, `${server.url}/login.jpg`, `${server.url}/big.png`], { mirrorDir, fetchImage: httpFetch, maxImageBytes: 1000 });
    expect(map.size).toBe(0);
    expect(failures.map((f) => f.url)).toEqual([`${server.url}/missing.png`, `${server.url}/login.jpg`, `${server.url}/big.png`]);
    expect(failures[0]!.message).toMatch(/HTTP 404/);
    expect(failures[1]!.message).toMatch(/served as text\/html/);
    expect(failures[2]!.message).toMatch(/more than 1000 bytes/);
    expect(await readdir(mirrorDir)).toEqual([]);
  });

  it("stops at the article's total once its pictures fill it", async () => {
    const mirrorDir = await freshDir();
    const urls = ["/big.png", "/big2.png", "/big3.png"].map((p) => server.url + p);
    const { map, failures } = await mirrorImages(urls, { mirrorDir, fetchImage: httpFetch, maxArticleBytes: 9000 });
    expect([...map.keys()]).toEqual(urls.slice(0, 2));
    expect(failures).toHaveLength(1);
    expect(failures[0]!.url).toBe(urls[2]);
  });

  it("checks the size itself when the download function ignores the limit", async () => {
    const mirrorDir = await freshDir();
    const careless: ImageFetch = async () => ok({ bytes: big, contentType: "image/png" });
    const { failures } = await mirrorImages(["https://img.example/x.png"], { mirrorDir, fetchImage: careless, maxImageBytes: 100 });
    expect(failures[0]!.message).toMatch(/4000 bytes, over the limit of 100/);
  });

  it("a failed picture is mirrored on a later run", async () => {
    const mirrorDir = await freshDir();
    const url = `${server.url}/flaky.png`;
    const first = await mirrorImages([url], { mirrorDir, fetchImage: httpFetch });
    expect(first.map.has(url)).toBe(false);
    expect(first.failures[0]!.message).toMatch(/HTTP 503/);
    const second = await mirrorImages([url], { mirrorDir, fetchImage: httpFetch });
    expect(second.map.get(url)).toBe(`/assets/img/${hashName(GIF, "gif")}`);
  });

  it("a download function that throws, and a folder that cannot be written, are failures, not crashes", async () => {
    const mirrorDir = await freshDir();
    const blocked = join(mirrorDir, "not-a-folder");
    await writeFile(blocked, "a file where the folder should be");
    const throwing: ImageFetch = async () => {
      throw new Error("socket hang up");
    };
    const thrown = await mirrorImages(["https://img.example/x.png"], { mirrorDir, fetchImage: throwing });
    expect(thrown.failures[0]!.message).toMatch(/download failed: Error: socket hang up/);
    const unwritable = await mirrorImages([`${server.url}/a.png`], { mirrorDir: blocked, fetchImage: httpFetch });
    expect(unwritable.map.size).toBe(0);
    expect(unwritable.failures[0]!.message).toMatch(/could not write/);
  });

  it("does nothing for an article without pictures", async () => {
    expect(await mirrorImages([], { mirrorDir: "/nonexistent/never-created", fetchImage: httpFetch })).toEqual({ map: new Map(), failures: [] });
  });
});
