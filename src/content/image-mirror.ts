// Copies an article's pictures into the mirror (assets/img/<sha256-16>.<ext>), admitting only real, safe image files.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fail, ok, type Result } from "../result.js";
import { sanitizeSvg } from "./images.js";

/** Downloads one picture of at most maxBytes (the fetch stage gives the real one; tests give a loopback server). */
export interface ImageFetch {
  (url: string, maxBytes: number): Promise<Result<{ bytes: Uint8Array; contentType: string | null }>>;
}

export interface MirrorOptions {
  /** Folder the pictures are written to, e.g. "<site>/assets/img". */
  mirrorDir: string;
  fetchImage: ImageFetch;
  /** Largest picture accepted (default 5 MiB). */
  maxImageBytes?: number;
  /** Largest total for one article's pictures (default 20 MiB). */
  maxArticleBytes?: number;
  /** How pages address the folder (default "/assets/img/"). */
  urlPrefix?: string;
}

export type ImageKind = "jpeg" | "png" | "gif" | "webp" | "avif" | "svg";

// File name extension per kind (IANA media types image/jpeg, image/png, image/gif, image/webp,
// image/avif, image/svg+xml).
const EXTENSIONS: Record<ImageKind, string> = { jpeg: "jpg", png: "png", gif: "gif", webp: "webp", avif: "avif", svg: "svg" };

const DEFAULT_MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_ARTICLE_BYTES = 20 * 1024 * 1024;

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

// ISO BMFF (ISO/IEC 14496-12 4.3): the first box is "ftyp" with a major brand and compatible
// brands; AVIF files name "avif" (still) or "avis" (sequence) among them (AV1 Image File Format 9.1).
function isAvif(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== "ftyp") return false;
  const boxSize = Math.min(((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0, bytes.length, 256);
  for (let offset = 8; offset + 4 <= boxSize; offset += 4) {
    if (offset === 12) continue; // minor_version
    const brand = ascii(bytes, offset, offset + 4);
    if (brand === "avif" || brand === "avis") return true;
  }
  return false;
}

// SVG is text: an optional BOM, XML declaration, comments and doctype, then the <svg> root.
const SVG_START = /^\uFEFF?\s*(?:<\?xml[^>]*>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*<svg[\s>/]/i;

/**
 * What kind of picture the bytes are, from their signature and never from the Content-Type alone
 * (WHATWG MIME Sniffing 6.1 "image type pattern matching"; AVIF by its ftyp brand). null: not a
 * picture the mirror accepts (HTML error pages, BMP, TIFF, ICO, ...).
 */
export function sniffImageKind(bytes: Uint8Array): ImageKind | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return "gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (isAvif(bytes)) return "avif";
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 2048));
  return SVG_START.test(head) ? "svg" : null;
}

// A declared type that is not an image (text/html for a login page, application/json for an API
// error) refuses the file even when its bytes look like one. Missing and generic types are judged
// by the bytes alone (servers often send application/octet-stream for pictures).
function isImageContentType(contentType: string | null): boolean {
  if (contentType === null) return true;
  const essence = contentType.split(";")[0]!.trim().toLowerCase();
  return essence === "" || essence.startsWith("image/") || essence === "application/octet-stream" || essence === "binary/octet-stream";
}

/** The bytes to store for a download: the picture itself, or a sanitised SVG; a failure says why not. */
export function admitImage(bytes: Uint8Array, contentType: string | null): Result<{ bytes: Uint8Array; kind: ImageKind }> {
  if (!isImageContentType(contentType)) {
    return fail({ code: "content.image-type", message: `served as ${contentType}, not as an image` });
  }
  const kind = sniffImageKind(bytes);
  if (kind === null) return fail({ code: "content.image-type", message: `not a JPEG, PNG, GIF, WebP, AVIF or SVG file (declared ${contentType ?? "without a type"})` });
  if (kind !== "svg") return ok({ bytes, kind });
  const clean = sanitizeSvg(new TextDecoder("utf-8", { fatal: false }).decode(bytes));
  if (!clean.ok) return clean;
  return ok({ bytes: new TextEncoder().encode(clean.value), kind });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes the file under its content-hash name unless it is there already (same bytes, same name). */
async function storeImage(dir: string, bytes: Uint8Array, kind: ImageKind): Promise<Result<string>> {
  const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.${EXTENSIONS[kind]}`;
  const path = join(dir, name);
  if (await exists(path)) return ok(name);
  // Temp file and rename in one folder: readers see the whole file or none (POSIX rename(2)).
  const temp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, bytes);
    await rename(temp, path);
    return ok(name);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    return fail({ code: "content.image-write", message: `could not write ${path}: ${String(error)}`, file: path, cause: error });
  }
}

/**
 * Downloads an article's pictures once each into `mirrorDir`, named by content hash, so a picture
 * used twice is stored once. Returns the URL-to-local-path map for rewriteImages and the failures;
 * a failed picture keeps its origin URL and is tried again on a later run (issue #4).
 * A picture that cannot be written (disk full, no permission) is a failure like a failed download.
 *
 * @example const { map } = await mirrorImages(listImages(html, link), { mirrorDir: "site/assets/img", fetchImage });
 *          rewriteImages(html, map) // src="/assets/img/3f2a9c0d1e4b5a67.jpg"
 */
export async function mirrorImages(urls: string[], options: MirrorOptions): Promise<{ map: Map<string, string>; failures: Array<{ url: string; message: string }> }> {
  const maxImage = options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  let budget = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  const prefix = options.urlPrefix ?? "/assets/img/";
  const map = new Map<string, string>();
  const failures: Array<{ url: string; message: string }> = [];
  for (const url of new Set(urls)) {
    const limit = Math.min(maxImage, budget);
    if (limit <= 0) {
      failures.push({ url, message: `the article's pictures already take the limit of ${options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES} bytes` });
      continue;
    }
    const fetched = await options.fetchImage(url, limit).catch((error: unknown) => fail<{ bytes: Uint8Array; contentType: string | null }>({ code: "content.image-fetch", message: `download failed: ${String(error)}`, url, cause: error }));
    if (!fetched.ok) {
      failures.push({ url, message: fetched.failure.message });
      continue;
    }
    if (fetched.value.bytes.length > limit) {
      failures.push({ url, message: `${fetched.value.bytes.length} bytes, over the limit of ${limit} bytes for this picture` });
      continue;
    }
    const admitted = admitImage(fetched.value.bytes, fetched.value.contentType);
    if (!admitted.ok) {
      failures.push({ url, message: admitted.failure.message });
      continue;
    }
    budget -= fetched.value.bytes.length;
    const stored = await storeImage(options.mirrorDir, admitted.value.bytes, admitted.value.kind);
    if (stored.ok) map.set(url, prefix + stored.value);
    else failures.push({ url, message: stored.failure.message });
  }
  return { map, failures };
}
