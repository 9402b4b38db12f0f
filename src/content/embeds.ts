// Video embeds (iframe, object, embed, Facebook video placeholders) of known players turned into plain links.
import { createElement } from "./html-fragment.js";
import { resolveUrl } from "./url.js";

/** A known player: how to read the video's own page from the embed URL. */
interface VideoPlayer {
  name: string;
  /** The page a reader opens for the video, or null when this URL is not one of the player's embeds. */
  pageOf: (embed: URL) => string | null;
}

/**
 * The players whose embeds appear in the corpus (CNA and Medium embed YouTube, RFA and CNA Facebook
 * videos) and the other common ones. Embed URL forms are from each player's embed documentation.
 */
export const VIDEO_PLAYERS: readonly VideoPlayer[] = [
  {
    name: "YouTube",
    pageOf: (url) => {
      if (!/(^|\.)(youtube\.com|youtube-nocookie\.com)$/.test(url.hostname)) return null;
      const id = /^\/(?:embed|v)\/([\w-]{6,})/.exec(url.pathname)?.[1];
      return id === undefined ? null : `https://www.youtube.com/watch?v=${id}`;
    },
  },
  {
    name: "Vimeo",
    pageOf: (url) => {
      const id = url.hostname === "player.vimeo.com" ? /^\/video\/(\d+)/.exec(url.pathname)?.[1] : undefined;
      return id === undefined ? null : `https://vimeo.com/${id}`;
    },
  },
  {
    name: "Dailymotion",
    pageOf: (url) => {
      const id = /(^|\.)dailymotion\.com$/.test(url.hostname) ? /^\/embed\/video\/(\w+)/.exec(url.pathname)?.[1] : undefined;
      return id === undefined ? null : `https://www.dailymotion.com/video/${id}`;
    },
  },
  {
    name: "Bilibili",
    pageOf: (url) => {
      if (url.hostname !== "player.bilibili.com") return null;
      const bvid = url.searchParams.get("bvid");
      if (bvid !== null && /^\w+$/.test(bvid)) return `https://www.bilibili.com/video/${bvid}`;
      const aid = url.searchParams.get("aid");
      return aid !== null && /^\d+$/.test(aid) ? `https://www.bilibili.com/video/av${aid}` : null;
    },
  },
  {
    name: "Facebook",
    pageOf: (url) => {
      if (!/(^|\.)facebook\.com$/.test(url.hostname)) return null;
      if (url.pathname === "/plugins/video.php" || url.pathname === "/plugins/post.php") {
        const href = url.searchParams.get("href");
        return href !== null && /^https:\/\/(www\.)?facebook\.com\//.test(href) ? href : null;
      }
      return /\/videos\//.test(url.pathname) ? url.href : null;
    },
  },
];

/** Where a player element keeps its URL: the lazy `data-src` first (CNA's lazyload iframes), then the real attributes. */
const EMBED_URL_ATTRIBUTES: readonly string[] = ["data-src", "data-lazy-src", "src", "data", "data-href", "value"];

/** The video page and player name of an embed URL, or null when the player is not known. */
export function findVideoPage(embedUrl: string, baseUrl: string): { name: string; page: string } | null {
  const absolute = resolveUrl(embedUrl, baseUrl);
  if (absolute === null) return null;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  for (const player of VIDEO_PLAYERS) {
    const page = player.pageOf(url);
    if (page !== null) return { name: player.name, page };
  }
  return null;
}

/**
 * Replaces each embed of a known player with a link to the video's page, in place; unknown embeds are
 * left for the sanitizer to drop. Returns one note per replaced embed, e.g. "video embed -> link: YouTube".
 */
export function linkVideoEmbeds(container: HTMLElement, baseUrl: string): string[] {
  const notes: string[] = [];
  container.querySelectorAll("iframe, object, embed, div.fb-video, div.fb-post").forEach((element) => {
    // An <embed> inside an <object> already replaced is no longer in the article.
    if (!container.contains(element)) return;
    const found = firstVideoPage(element, baseUrl);
    if (found === null) return;
    const link = createElement(container, "a");
    link.setAttribute("href", found.page);
    link.textContent = `${found.name}: ${found.page}`;
    element.replaceWith(link);
    notes.push(`video embed -> link: ${found.name}`);
  });
  return notes;
}

function firstVideoPage(element: Element, baseUrl: string): { name: string; page: string } | null {
  const candidates = EMBED_URL_ATTRIBUTES.map((name) => element.getAttribute(name));
  // <object><param name="movie" value="..."> is how old Flash-era YouTube embeds name the video.
  element.querySelectorAll("param[name='movie'], param[name='src']").forEach((param) => candidates.push(param.getAttribute("value")));
  for (const candidate of candidates) {
    if (candidate === null || candidate.trim() === "") continue;
    const found = findVideoPage(candidate, baseUrl);
    if (found !== null) return found;
  }
  return null;
}
