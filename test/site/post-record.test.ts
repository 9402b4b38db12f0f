// Tests src/site/post-record.ts: a post's record, its language, and where it is placed.
import { describe, expect, it } from "vitest";
import { parsePost } from "../../src/archive/index.js";
import { parseSiteConfig } from "../../src/site/config.js";
import { postLanguage, recordOfPost, summarizePost } from "../../src/site/post-record.js";

const TEXT = `---
layout: post
title: "王毅會緬甸外長談電信詐騙 一同表態堅決打擊"
date: 2023-12-06T17:30:00.000Z
author: (臺)中央社CNA
from: https://www.cna.com.tw/news/aipl/202312070003.aspx
tags: [ (臺)中央社CNA ]
comments: True
categories: [ (臺)中央社CNA ]
---
<!--1701883800000-->
[王毅會緬甸外長談電信詐騙 一同表態堅決打擊](https://www.cna.com.tw/news/aipl/202312070003.aspx)
------

<div>
<p>詐騙</p>
</div>
`;
const FILE = "2023-12-07-王毅會緬甸外長談電信詐騙 一同表態堅決打擊.md";

function parsed(text = TEXT) {
  const result = parsePost(text, FILE);
  if (!result.ok) throw new Error(result.failure.message);
  return result.value;
}

describe("recordOfPost and summarizePost", () => {
  it("keeps the facts without the HTML, and places the post by Jekyll's rules and the site's zone", () => {
    const config = parseSiteConfig("");
    if (!config.ok) throw new Error("config");
    const summary = summarizePost(recordOfPost(parsed(), FILE, 100, 5, Buffer.from(TEXT)), config.value);
    expect(summary).toMatchObject({ title: "王毅會緬甸外長談電信詐騙 一同表態堅決打擊", site: "(臺)中央社CNA", comments: true, size: 100, mtimeMs: 5 });
    expect(summary.url).toBe("/2023-12-06/%E7%8E%8B%E6%AF%85%E6%9C%83%E7%B7%AC%E7%94%B8%E5%A4%96%E9%95%B7%E8%AB%87%E9%9B%BB%E4%BF%A1%E8%A9%90%E9%A8%99-%E4%B8%80%E5%90%8C%E8%A1%A8%E6%85%8B%E5%A0%85%E6%B1%BA%E6%89%93%E6%93%8A/");
    expect(summary.path).toBe("2023-12-06/王毅會緬甸外長談電信詐騙-一同表態堅決打擊/index.html");
    expect(summary.day).toBe("2023-12-07");
    expect("html" in summary).toBe(false);
  });

  it("changes the hash when the article changes, and only then", () => {
    const hashOf = (text: string, size = 1, mtime = 1): string => recordOfPost(parsed(text), FILE, size, mtime, Buffer.from(text)).hash;
    const a = hashOf(TEXT);
    expect(hashOf(TEXT, 2, 2)).toBe(a);
    expect(hashOf(TEXT.replace("<p>詐騙</p>", "<p>詐騙！</p>"))).not.toBe(a);
    expect(hashOf(TEXT.replace('title: "王毅', 'title: "新王毅'))).not.toBe(a);
  });
});

describe("postLanguage", () => {
  it.each([
    ["a Chinese title inherits the page's language", "王毅會緬甸外長", ""],
    ["a Latin-only title is English", "Shanghai scams - Part 1", "en"],
    ["mixed script counts as Chinese", "习近平 Xi Jinping", ""],
    ["digits only inherit", "2024", ""],
  ])("%s", (_reason, title, lang) => {
    expect(postLanguage(title)).toBe(lang);
  });
});
