// Finds the same story carried by several posts (wire copy, one outlet in both scripts): MinHash over the text
// that is left once each source's recurring boilerplate is dropped, banded LSH for candidates, then a check.
import { foldToSimplified } from "./script-fold.js";

export interface StoryDoc {
  id: string;
  site: string;
  /** Plain text of the article (title not included: titles are rewritten freely by outlets). */
  text: string;
  /** Epoch ms; when both posts have one, stories further apart than `maxDaysApart` are never the same. */
  time?: number | null;
}

export interface ClusterOptions {
  /** Estimated Jaccard similarity of the shingle sets at or above which two posts are the same story. */
  threshold: number;
  maxDaysApart: number;
  /** Posts with less distinctive text than this (characters) are not judged. */
  minCoreChars: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { threshold: 0.45, maxDaysApart: 7, minCoreChars: 80 };

/** Only the start of a post is fingerprinted: copies share their lead, and long posts would cost without gain. */
const MAX_CHARS = 2500;
const SHINGLE = 5;
const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
/** A sentence in this many posts of one source is that source's boilerplate (sign-offs, channel blurbs). */
const SITE_BOILERPLATE_DOCS = 3;
/** A bucket this full is a shared template the sentence filter missed: it would only make false candidates. */
const MAX_BUCKET = 64;

const SENTENCE_END = /[。！？!?；;\n]+|\.\s+/u;
const NOT_TEXT = /[^\p{L}\p{N}]+/gu;

/** Sentences of a text, folded to Simplified script and lower case, stripped of punctuation and spaces. */
export function storySentences(text: string): string[] {
  const folded = foldToSimplified(text.slice(0, MAX_CHARS)).toLowerCase();
  const sentences: string[] = [];
  for (const part of folded.split(SENTENCE_END)) {
    const core = part.replace(NOT_TEXT, "");
    if (core.length >= 4) sentences.push(core);
  }
  return sentences;
}

function fnv1a(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mixes a hash further (murmur3 finaliser) so its low bits choose a bin and its high bits rank within it. */
function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const EMPTY = 0xffffffff;

/**
 * The signature of a text's 5-character shingles by one-permutation hashing (Li, Owen, Zhang 2012): one hash per
 * shingle, its low bits pick one of 64 bins, each bin keeps its minimum; empty bins borrow the next filled one
 * (rotation densification, Shrivastava 2017). As good an estimate as 64 hash functions, 64 times cheaper.
 */
export function minHash(core: string): Uint32Array {
  const signature = new Uint32Array(HASHES).fill(EMPTY);
  for (let i = 0; i + SHINGLE <= core.length; i++) {
    const h = mix(fnv1a(core, i, i + SHINGLE));
    const bin = h & (HASHES - 1);
    const rank = h >>> 6;
    if (rank < (signature[bin] as number)) signature[bin] = rank;
  }
  for (let k = 0; k < HASHES; k++) {
    if (signature[k] !== EMPTY) continue;
    for (let step = 1; step < HASHES; step++) {
      const donor = signature[(k + step) % HASHES] as number;
      // The offset keeps borrowed values distinct from real ones of the same bin.
      if (donor !== EMPTY && donor < 1 << 26) {
        signature[k] = donor + step * (1 << 26);
        break;
      }
    }
  }
  return signature;
}

export function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

/** A post whose text is already cut into `storySentences`, so a caller can keep that instead of the text. */
export interface PreparedStoryDoc {
  id: string;
  site: string;
  sentences: readonly string[];
  time?: number | null;
}

/** Each post's distinctive text: its sentences minus those its source repeats across posts. */
function coreTexts(docs: readonly PreparedStoryDoc[]): string[] {
  const sentencesOf = docs.map((doc) => doc.sentences);
  const perSite = new Map<string, Map<string, number>>();
  sentencesOf.forEach((sentences, i) => {
    const site = (docs[i] as PreparedStoryDoc).site;
    let counts = perSite.get(site);
    if (counts === undefined) perSite.set(site, (counts = new Map()));
    for (const sentence of new Set(sentences)) counts.set(sentence, (counts.get(sentence) ?? 0) + 1);
  });
  return sentencesOf.map((sentences, i) => {
    const counts = perSite.get((docs[i] as PreparedStoryDoc).site) as Map<string, number>;
    return sentences.filter((s) => (counts.get(s) ?? 0) < SITE_BOILERPLATE_DOCS).join("");
  });
}

/**
 * Groups posts that carry the same story; returns clusters of two or more ids, each sorted, in a stable order.
 * @example findStoryClusters([{ id: "a", site: "CNA", text }, { id: "b", site: "VOA", text: sameStory }]) // [["a", "b"]]
 */
export function findStoryClusters(docs: readonly StoryDoc[], options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): string[][] {
  return findPreparedStoryClusters(docs.map((doc) => ({ id: doc.id, site: doc.site, time: doc.time, sentences: storySentences(doc.text) })), options);
}

/**
 * Signatures of the core texts of the last call and this one, for calls over overlapping sets of posts (the site's
 * windows share a week with the next): a signature depends on its core text alone, so a post whose core text is
 * unchanged is not hashed again. Keeps two calls' worth.
 */
export class SignatureMemo {
  // Each entry keeps the core it was made from, and a core met again is kept under that string, not the new equal
  // one: the texts of about two windows are held (some 7 MB at 1,500 CJK posts), not three.
  private last = new Map<string, { core: string; signature: Uint32Array }>();
  private current = new Map<string, { core: string; signature: Uint32Array }>();

  /** The signature of `core`, from the last or this call when either made it. */
  sign(core: string): Uint32Array {
    let entry = this.current.get(core) ?? this.last.get(core);
    if (entry === undefined) entry = { core, signature: minHash(core) };
    this.current.set(entry.core, entry);
    return entry.signature;
  }

  /** Begins the next call: what the last one made is forgotten. */
  next(): void {
    this.last = this.current;
    this.current = new Map();
  }
}

/** A band of a signature as a key: its 32-bit values as UTF-16 halves, exact and cheaper than decimal text. */
function bandKey(signature: Uint32Array, band: number): string {
  let key = "";
  for (let k = band * ROWS; k < (band + 1) * ROWS; k++) {
    const value = signature[k] as number;
    key += String.fromCharCode(value & 0xffff, value >>> 16);
  }
  return key;
}

/**
 * `findStoryClusters` for posts whose text is already `storySentences`: the same clusters for the same input.
 * `memo` reuses signatures across calls over overlapping posts (`SignatureMemo`).
 * @example findPreparedStoryClusters([{ id: "a", site: "CNA", sentences: storySentences(text) }, ...])
 */
export function findPreparedStoryClusters(docs: readonly PreparedStoryDoc[], options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS, memo?: SignatureMemo): string[][] {
  const cores = coreTexts(docs);
  memo?.next();
  const sign = (core: string): Uint32Array => (memo ? memo.sign(core) : minHash(core));
  const signatures: Array<Uint32Array | null> = cores.map((core) => (core.length >= options.minCoreChars ? sign(core) : null));
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const maxApart = options.maxDaysApart * 86_400_000;
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((signature, i) => {
      if (signature === null) return;
      const key = bandKey(signature, band);
      const bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, [i]);
      else if (bucket.length < MAX_BUCKET) bucket.push(i);
    });
    for (const bucket of buckets.values()) {
      for (let x = 0; x < bucket.length; x++) {
        for (let y = x + 1; y < bucket.length; y++) {
          const a = bucket[x] as number;
          const b = bucket[y] as number;
          if (find(a) === find(b)) continue;
          const ta = docs[a]?.time;
          const tb = docs[b]?.time;
          if (ta != null && tb != null && Math.abs(ta - tb) > maxApart) continue;
          if (estimatedSimilarity(signatures[a] as Uint32Array, signatures[b] as Uint32Array) >= options.threshold) parent[find(a)] = find(b);
        }
      }
    }
  }
  const groups = new Map<number, string[]>();
  docs.forEach((doc, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group === undefined) groups.set(root, [doc.id]);
    else group.push(doc.id);
  });
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort()).sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}
