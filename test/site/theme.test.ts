// Tests src/site/theme.ts: Jekyll-style layout chains, includes, and a mirror's own overrides.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadTheme, renderAroundBytes, renderWithLayouts, usesContentPlainly } from "../../src/site/theme.js";

const temp = mkdtempSync(join(tmpdir(), "newsmirror-theme-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = join(temp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const theme = folder("theme", {
  "_layouts/default.html": "<html>{% include head.html title=page.title %}<main>{{ content }}</main></html>",
  "_layouts/post.html": "---\nlayout: default\nkind: article\n---\n<article data-kind=\"{{ layout.kind }}\">{{ content }}</article>",
  "_includes/head.html": "<title>{{ include.title }}</title><link href=\"{{ '/assets/style.css' | relative_url }}\">",
  "assets/style.css": "body{}",
});

describe("loadTheme and renderWithLayouts", () => {
  it("renders a layout chain with includes, include parameters and relative_url", async () => {
    const loaded = await loadTheme(folder("plain-mirror", {}), theme);
    if (!loaded.ok) throw new Error(loaded.failure.message);
    const html = renderWithLayouts(loaded.value, "post", "<p>x</p>", { page: { title: "T", root: "../../" }, site: {} });
    expect(html).toBe('<html><title>T</title><link href="../../assets/style.css"><main><article data-kind="article"><p>x</p></article></main></html>');
    expect(loaded.value.assets.map((a) => a.path)).toEqual(["assets/style.css"]);
  });

  it("lets a mirror override a layout, an include and an asset, as Jekyll does", async () => {
    const mirror = folder("mirror", {
      "_includes/head.html": "<title>mine: {{ include.title }}</title>",
      "_layouts/default.html": "<body>{% include head.html title=page.title %}{{ content }}</body>",
      "assets/style.css": "main{}",
    });
    const loaded = await loadTheme(mirror, theme);
    if (!loaded.ok) throw new Error(loaded.failure.message);
    expect(renderWithLayouts(loaded.value, "post", "x", { page: { title: "T" }, site: {} })).toBe('<body><title>mine: T</title><article data-kind="article">x</article></body>');
    expect(loaded.value.assets[0]!.file).toBe(join(mirror, "assets/style.css"));
  });

  it("changes its hash when any file changes", async () => {
    const a = await loadTheme(folder("m1", {}), theme);
    const b = await loadTheme(folder("m2", { "_includes/extra.html": "x" }), theme);
    expect(a.ok && b.ok && a.value.hash !== b.value.hash).toBe(true);
  });

  it("names the layout that does not compile", async () => {
    const loaded = await loadTheme(folder("broken", { "_layouts/post.html": "{% if %}" }), theme);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.failure.message).toMatch(/post\.html: the layout does not compile/);
  });

  it("stops a layout that names itself as its parent", async () => {
    const loaded = await loadTheme(folder("loop", { "_layouts/post.html": "---\nlayout: post\n---\n[{{ content }}]" }), theme);
    if (!loaded.ok) throw new Error(loaded.failure.message);
    expect(renderWithLayouts(loaded.value, "post", "x", { page: {}, site: {} })).toBe("[x]");
  });
});

describe("renderAroundBytes", () => {
  it("writes the content's own bytes with the default theme, never decoding them", async () => {
    const loaded = await loadTheme(folder("bytes-undecoded", {}));
    if (!loaded.ok) throw new Error(loaded.failure.message);
    // Not UTF-8: decoding would make U+FFFD of the lone byte, so only the spliced page holds it as it is.
    const odd = Buffer.from([0x3c, 0x70, 0x3e, 0xe8, 0x3c, 0x2f, 0x70, 0x3e]);
    expect(Buffer.concat(renderAroundBytes(loaded.value, "post", odd, scope)).indexOf(odd)).toBeGreaterThan(0);
  });

  const content = Buffer.from("<p>詐騙 & 诈骗</p>\n<p>第二段</p>");
  const scope = { page: { title: "標題", root: "../../" }, site: {} };

  it("knows which layouts use `content` only as `{{ content }}`", async () => {
    const loaded = await loadTheme(folder("default-mirror", {}));
    if (!loaded.ok) throw new Error(loaded.failure.message);
    expect(loaded.value.plainContent).toBe(true);
    // The theme's own Liquid: Jekyll's include parameters (`body=content`) are read as it reads them.
    const liquid = loaded.value.liquid;
    expect(usesContentPlainly(liquid, ["a{{ content }}b", "{{-content-}}", "{{ page.title }}", '{% if page.x %}{{ content }}{% endif %}'])).toBe(true);
    for (const source of [
      "{{ content | strip_html }}",
      '{% if content contains "<img" %}x{% endif %}',
      "{% assign c = content %}",
      "{% include x.html body=content %}",
      '{{ "}}" | append: content }}',
      "{% capture b %}{{ content }}{% endcapture %}{{ b }}<p>{{ b | number_of_words }}</p>",
      "{% for p in content %}{{ p }}{% endfor %}",
      "{% liquid\necho content | upcase\n%}",
    ]) {
      expect(usesContentPlainly(liquid, [source]), source).toBe(false);
    }
  });

  it("gives the bytes rendering the content's text gives, whatever the layouts do with it", async () => {
    const themes = {
      "the default": {},
      "a filter on it": { "_layouts/post.html": "---\nlayout: default\n---\n<article>{{ content | strip_html }}</article>" },
      "shown twice": { "_layouts/post.html": "---\nlayout: default\n---\n{{ content }}<hr>{{ content }}" },
      "not shown": { "_layouts/default.html": "<html>{{ page.title }}</html>" },
      "an include of its own": { "_includes/footer.html": "<footer>{{ content | size }}</footer>" },
      "a capture of it": { "_layouts/post.html": "---\nlayout: default\n---\n{% capture b %}{{ content }}{% endcapture %}{{ b }}<p>{{ b | number_of_words }} words</p>" },
    };
    for (const [name, files] of Object.entries(themes)) {
      const loaded = await loadTheme(folder(`bytes-${name.replace(/ /g, "-")}`, files));
      if (!loaded.ok) throw new Error(loaded.failure.message);
      const expected = renderWithLayouts(loaded.value, "post", content.toString(), scope);
      expect(Buffer.concat(renderAroundBytes(loaded.value, "post", content, scope)).toString(), name).toBe(expected);
    }
  });
});
