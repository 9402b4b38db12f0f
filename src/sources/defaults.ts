// Built-in defaults: per-source options, fetch settings, and the sources a new mirror starts with.
import type { FetchSettings, SourceOptions } from "./index.js";

/** What every source gets unless newsmirror.yml `defaults` or the source itself says otherwise. */
export const DEFAULT_SOURCE_OPTIONS: SourceOptions = Object.freeze({
  clean: true,
  author: null,
  proxy: null,
  userAgent: null,
  timezone: null,
  include: [],
  exclude: [],
  enabled: true,
  fullText: "auto",
  images: "mirror",
  remove: [],
});

export const DEFAULT_FETCH_SETTINGS: FetchSettings = Object.freeze({
  concurrency: 8,
  perHost: 2,
  timeoutSeconds: 30,
  retries: 3,
  maxBytes: 8 * 1024 * 1024,
});

/**
 * The feed list of the existing mirror that newsmirror replaces (the "waimei" mirror's
 * subs.json, corpus file `subs/zhouxiang93123+waimei@d3a932aaba0f.subs.json`), limited to the
 * fifteen sources the project's issue names as defaults; that file's sixteenth entry, 大纪元,
 * is not among them.
 */
export const DEFAULT_SOURCES: Array<{ site: string; url: string }> = [
  { site: "路透", url: "https://feedx.net/rss/reuters.xml" },
  { site: "纽约时报", url: "https://feedx.net/rss/nytimes.xml" },
  { site: "美国之音", url: "https://feedx.net/rss/mgzy1.xml" },
  { site: "BBC", url: "https://rsshub.app/bbc/chinese" },
  { site: "自由亚洲电台", url: "https://www.rfa.org/mandarin/yataibaodao/rss2.xml" },
  { site: "法广", url: "https://feedx.net/rss/rfi.xml" },
  { site: "德国之声", url: "https://feedx.net/rss/dw.xml" },
  { site: "联合早报", url: "https://rsshub.app/zaobao/realtime/china" },
  { site: "(臺)中央社CNA", url: "https://feedx.net/rss/cna.xml" },
  { site: "CCTV新闻联播", url: "https://rsshub.app/xinwenlianbo/index" },
  { site: "维权网", url: "https://wqw2010.blogspot.com/feeds/posts/default" },
  { site: "寒冬", url: "https://zh.bitterwinter.org/feed/" },
  { site: "经济学人en", url: "https://feedx.net/rss/economist.xml" },
  { site: "Solidot", url: "https://www.solidot.org/index.rss" },
  { site: "中国数字时代", url: "https://chinadigitaltimes.net/chinese/feed/" },
];
