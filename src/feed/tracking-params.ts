// Tracking query parameters feeds put on links (utm_*, ad networks' click ids, BBC's at_* tags), and removing them
// from URLs. Here, upstream of both, because content cleans links with the list and archive keys ignore it; in
// content it would load Readability and the sanitizer into every site render worker that reads a post.

/**
 * Parameter names dropped wherever they appear. Sources: Google Analytics campaign parameters
 * (https://support.google.com/analytics/answer/10917952), the click ids that Facebook, Google Ads,
 * Microsoft Ads, Yandex, TikTok and Twitter append, Mailchimp/HubSpot/Marketo mail campaign ids, and
 * the default list of Neat URL / Firefox query stripping for the rest.
 */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "_openstat",
  "dclid",
  "fb_action_ids",
  "fb_action_types",
  "fb_ref",
  "fb_source",
  "fbclid",
  "gbraid",
  "gclid",
  "gclsrc",
  "igshid",
  "mc_cid",
  "mc_eid",
  "mkt_tok",
  "msclkid",
  "oly_anon_id",
  "oly_enc_id",
  "rb_clickid",
  "s_cid",
  "twclid",
  "ttclid",
  "vero_conv",
  "vero_id",
  "wbraid",
  "wickedid",
  "yclid",
]);

/** Name prefixes dropped: every Google Analytics (`utm_`), Google Analytics 1 (`ga_`) and Hubspot (`hsa_`) campaign field. */
export const TRACKING_PARAM_PREFIXES: readonly string[] = ["utm_", "ga_", "hsa_"];

/**
 * The campaign tags BBC feeds add to every link (`at_medium=RSS&at_campaign=...`, `at_custom1`..`4`,
 * `at_link_id`, ...); named one by one, since `at_` alone could be a site's own parameter.
 */
const BBC_CAMPAIGN_TAG = /^at_(?:medium|campaign|custom\d*|link[a-z_]*|ptr_name|bbc_team|format)$/;

/**
 * True when a query parameter name is only there to track the reader, e.g. "utm_source" or "fbclid". The one
 * list both for cleaning links and for the archive's dedupe keys, so the two never disagree on a link.
 */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PARAM_PREFIXES.some((prefix) => lower.startsWith(prefix)) || BBC_CAMPAIGN_TAG.test(lower);
}

/**
 * Removes tracking parameters from a URL's query, keeping every other byte as written (no
 * re-encoding), so a URL without tracking parameters comes back unchanged.
 * stripTrackingParams("https://a.example/x?id=1&utm_source=rss#top") === "https://a.example/x?id=1#top"
 */
export function stripTrackingParams(url: string): string {
  const queryStart = url.indexOf("?");
  if (queryStart < 0) return url;
  const hashStart = url.indexOf("#", queryStart);
  const queryEnd = hashStart < 0 ? url.length : hashStart;
  const pairs = url.slice(queryStart + 1, queryEnd).split("&");
  const kept = pairs.filter((pair) => !isTrackingParam(decodeName(pair.split("=", 1)[0] ?? "")));
  if (kept.length === pairs.length) return url;
  const query = kept.filter((pair) => pair !== "").join("&");
  return url.slice(0, queryStart) + (query === "" ? "" : "?" + query) + url.slice(queryEnd);
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}
