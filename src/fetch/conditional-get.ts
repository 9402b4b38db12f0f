// Conditional GET: the validators sent as If-None-Match / If-Modified-Since and those read back from a reply.
import type { Validators } from "./index.js";

export const NO_VALIDATORS: Validators = { etag: null, lastModified: null };

/**
 * Request headers for a conditional GET. Both validators are sent when both are known: a server that supports
 * ETag evaluates If-None-Match and ignores If-Modified-Since (RFC 9110 13.1.3 and 13.2.2), one that does not
 * still answers 304 on the date.
 */
export function conditionalHeaders(validators: Validators | null | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators?.etag) headers["if-none-match"] = validators.etag;
  if (validators?.lastModified) headers["if-modified-since"] = validators.lastModified;
  return headers;
}

function firstHeader(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  const trimmed = text?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

/** The validators of a reply (RFC 9110 8.8.2 Last-Modified, 8.8.3 ETag); a reply without them gives nulls. */
export function readValidators(headers: Record<string, string | string[] | undefined>): Validators {
  return { etag: firstHeader(headers["etag"]), lastModified: firstHeader(headers["last-modified"]) };
}

/**
 * Validators to remember after a 304. A 304 should repeat the ETag (RFC 9110 15.4.5) but many servers omit it;
 * what the reply does not say is kept from what was sent, so the next run stays conditional.
 */
export function validatorsAfterNotModified(sent: Validators | null | undefined, received: Validators): Validators {
  return {
    etag: received.etag ?? sent?.etag ?? null,
    lastModified: received.lastModified ?? sent?.lastModified ?? null,
  };
}

/** True when the status says the copy from last time is still current (RFC 9110 15.4.5). */
export function isNotModified(status: number): boolean {
  return status === 304;
}
