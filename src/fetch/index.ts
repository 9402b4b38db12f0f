// The fetch stage: a URL plus what was seen last time to decoded text and caching headers, or a typed failure.

/** HTTP validators remembered per URL across runs (RFC 9110 8.8). */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}
