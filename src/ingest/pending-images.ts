// Images whose download failed stay hot-linked in their post, and are tried again on later runs until they are
// mirrored (the post's body is then rewritten to the local copy) or have failed too often.
import type { Archive, SourceState } from "../archive/index.js";
import { mirrorImages, rewriteImages, type ImageFetch } from "../content/index.js";
import type { Serial } from "./serial.js";

export interface PendingImages {
  fileName: string;
  urls: string[];
  attempts: number;
}

/** Runs (including the first) an image is tried on before it stays hot-linked for good. */
export const MAX_IMAGE_ATTEMPTS = 6;
/** Posts retried per source and run, so a dead image host cannot slow every run down. */
const RETRIES_PER_RUN = 20;
const STATE_KEY = "pendingImages";

export function pendingImagesOf(state: SourceState): PendingImages[] {
  const value = state[STATE_KEY];
  return Array.isArray(value) ? (value as PendingImages[]).filter((p) => typeof p?.fileName === "string" && Array.isArray(p.urls)) : [];
}

export function addPendingImages(state: SourceState, fileName: string, urls: string[]): void {
  if (urls.length === 0) return;
  state[STATE_KEY] = [...pendingImagesOf(state), { fileName, urls, attempts: 1 }];
}

/** Tries the oldest pending images again; returns warnings for the report. */
export async function retryPendingImages(state: SourceState, archive: Archive, fetchImage: ImageFetch, images: { dir: string; urlPrefix: string }, serial: Serial): Promise<string[]> {
  const pending = pendingImagesOf(state);
  if (pending.length === 0) return [];
  const warnings: string[] = [];
  const kept: PendingImages[] = [];
  for (const [i, entry] of pending.entries()) {
    if (i >= RETRIES_PER_RUN) {
      kept.push(entry);
      continue;
    }
    const mirrored = await mirrorImages(entry.urls, { mirrorDir: images.dir, fetchImage, urlPrefix: images.urlPrefix });
    if (mirrored.map.size > 0) {
      const rewritten = await serial(() => archive.rewriteBody(entry.fileName, (html) => rewriteImages(html, mirrored.map)));
      if (!rewritten.ok) warnings.push(`images of ${entry.fileName}: ${rewritten.failure.message}`);
      if (rewritten.ok && !rewritten.value) continue; // the post is gone: nothing left to fix
    }
    const still = entry.urls.filter((url) => !mirrored.map.has(url));
    if (still.length === 0) continue;
    if (entry.attempts + 1 >= MAX_IMAGE_ATTEMPTS) {
      warnings.push(`images of ${entry.fileName} stay hot-linked after ${MAX_IMAGE_ATTEMPTS} tries: ${still.join(" ")}`);
      continue;
    }
    kept.push({ fileName: entry.fileName, urls: still, attempts: entry.attempts + 1 });
  }
  state[STATE_KEY] = kept;
  return warnings;
}
