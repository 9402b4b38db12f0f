// A reply after redirects as a FetchResult: 304 not modified, 2xx fetched and decoded, anything else fetch.status.
import { fail, ok, type Result } from "../result.js";
import { decodeText } from "./charset.js";
import { isNotModified, readValidators, validatorsAfterNotModified } from "./conditional-get.js";
import type { Fetched, FetchFailure, FetchRequest, FetchResult } from "./index.js";
import type { Followed } from "./redirect.js";

/** The result of the reply that ended a try; `attempts` counts the tries so far. Text is decoded here, except for images. */
export function interpretReply(request: FetchRequest, target: URL, reply: Extract<Followed, { ok: true }>, attempts: number): Result<FetchResult> {
  const validators = readValidators(reply.headers);
  if (isNotModified(reply.status)) {
    return ok({ status: "not-modified", url: request.url, validators: validatorsAfterNotModified(request.validators, validators), attempts });
  }
  if (reply.status < 200 || reply.status > 299 || reply.bytes === null) {
    const failure: FetchFailure = { code: "fetch.status", message: statusMessage(reply.status, reply.finalUrl), url: target.href, httpStatus: reply.status, attempts };
    return fail(failure);
  }
  const contentTypeHeader = reply.headers["content-type"];
  const contentType = (Array.isArray(contentTypeHeader) ? contentTypeHeader[0] : contentTypeHeader) ?? null;
  const decoded = request.kind === "image" ? null : decodeText(reply.bytes, contentType, textRules(request.kind, contentType));
  const fetched: Fetched = {
    status: "fetched",
    url: request.url,
    finalUrl: reply.finalUrl.href,
    httpStatus: reply.status,
    contentType,
    bytes: reply.bytes,
    text: decoded?.text ?? null,
    charset: decoded?.charset ?? null,
    charsetSource: decoded?.source ?? null,
    validators,
    permanentRedirect: reply.permanentRedirect,
    attempts,
  };
  return ok(fetched);
}

/** Pages use HTML rules; so does a "feed" URL that answers text/html (a site's home page instead of its feed). */
export function textRules(kind: FetchRequest["kind"], contentType: string | null): "xml" | "html" {
  if (kind === "page") return "html";
  return /^\s*text\/html\b/i.test(contentType ?? "") ? "html" : "xml";
}

/** What an unsuccessful status means for the person reading the report (STYLE rule 9: what, where, what to do). */
export function statusMessage(status: number, url: URL): string {
  if (status === 403 || status === 451) return `HTTP ${status} from ${url.host} (blocked here?); give this source a proxy`;
  if (status === 404 || status === 410) return `HTTP ${status} from ${url.host}: ${url.href} is gone; check the feed URL`;
  if (status === 429) return `HTTP 429 from ${url.host}: too many requests`;
  if (status >= 500) return `HTTP ${status} from ${url.host}: the server failed; it is tried again next run`;
  return `HTTP ${status} from ${url.host}`;
}
