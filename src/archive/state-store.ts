// The source states `.newsmirror/state.json` that `newsmirror status` shows: loaded once, saved atomically.
import { readFile, rename } from "node:fs/promises";
import { ok, type Result } from "../result.js";
import { writeFileAtomically } from "./atomic-file.js";
import { errnoCode, ioFail } from "./io-failure.js";
import type { ArchiveState, SourceState } from "./types.js";

export const STATE_FILE = "state.json";

/**
 * Reads the state; a missing file is an empty state. A file that is not a state (hand-edited, or from a
 * future version) is kept aside as `state.json.unreadable-<time>` and the run starts empty: losing cached
 * validators costs one full fetch per source, refusing to run would cost the mirror. Only the lock holder
 * (`keepAside`) moves the file; a read-only reader just reports it.
 */
export async function loadState(path: string, now: Date, options: { keepAside: boolean }): Promise<Result<{ state: ArchiveState; warning: string | null }>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return ok({ state: emptyState(), warning: null });
    return ioFail(error, "read", path);
  }
  const state = toState(text);
  if (state !== null) return ok({ state, warning: null });
  if (!options.keepAside) return ok({ state: emptyState(), warning: `${path} could not be read as a state file` });
  const aside = `${path}.unreadable-${now.toISOString().replace(/[:.]/g, "-")}`;
  await rename(path, aside).catch(() => undefined);
  return ok({ state: emptyState(), warning: `${path} could not be read as a state file; it was kept as ${aside} and the sources start afresh` });
}

export function saveState(path: string, state: ArchiveState): Promise<Result<void>> {
  return writeFileAtomically(path, `${JSON.stringify(state, null, 2)}\n`);
}

export function emptyState(): ArchiveState {
  return { sources: {} };
}

function toState(text: string): ArchiveState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  const sources = (value as { sources?: unknown }).sources;
  if (sources === null || typeof sources !== "object" || Array.isArray(sources)) return null;
  const out: Record<string, SourceState> = {};
  for (const [url, source] of Object.entries(sources as Record<string, unknown>)) {
    if (source !== null && typeof source === "object") out[url] = withDefaults(source as Partial<SourceState>);
  }
  return { ...(value as object), sources: out };
}

/** Fills fields a file from an older version lacks, so readers can rely on every field of `SourceState`. */
function withDefaults(source: Partial<SourceState>): SourceState {
  return {
    ...source,
    site: typeof source.site === "string" ? source.site : "",
    validators: {
      etag: source.validators?.etag ?? null,
      lastModified: source.validators?.lastModified ?? null,
    },
    lastAttempt: source.lastAttempt ?? null,
    lastSuccess: source.lastSuccess ?? null,
    lastError: source.lastError ?? null,
    consecutiveFailures: typeof source.consecutiveFailures === "number" ? source.consecutiveFailures : 0,
    itemsLastTime: typeof source.itemsLastTime === "number" ? source.itemsLastTime : 0,
    newLastTime: typeof source.newLastTime === "number" ? source.newLastTime : 0,
    nextRetry: source.nextRetry ?? null,
    permanentRedirect: source.permanentRedirect ?? null,
  };
}
