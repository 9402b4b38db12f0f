// The search engine of the static index: folding, tokens, posting codec, query and snippets; one file run by Node (build, tests) and by the browser (classic script).
// It is written as plain script without import/export so the same bytes load through a <script> tag
// (which works from file:// where fetch() and module scripts are blocked) and through Node's import().
// Nothing is evaluated from strings: it runs under a CSP of script-src 'self'.
(function () {
  "use strict";

  var VERSION = 1;
  // Code points written into posting lists: 6 bits a character, URL- and JSON-safe (no escaping needed).
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = {};
  for (var d = 0; d < 64; d++) DIGIT[ALPHABET.charCodeAt(d)] = d;

  // BM25 parameters (Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework", sec. 3.4).
  var K1 = 1.2;
  var B = 0.75;
  var IMPACT_LEVELS = 63;
  var TITLE_WEIGHT = 3; // a title occurrence counts as three body occurrences (BM25F-style field weight)
  var MAX_WORD = 32;
  var SOURCE_PREFIX = "\u0001s:";

  // ---- folding: Traditional -> Simplified, compatibility forms, case ----

  /** Builds a code point fold from an OpenCC character table "src dst|src dst|..." (TSCharacters). */
  function createFold(table) {
    var map = new Map();
    var entries = typeof table === "string" && table.length > 0 ? table.split("|") : [];
    for (var i = 0; i < entries.length; i++) {
      var pair = entries[i].split(" ");
      if (pair.length < 2) continue;
      var from = pair[0].codePointAt(0);
      var to = pair[1].codePointAt(0);
      if (from !== undefined && to !== undefined && String.fromCodePoint(from) === pair[0] && String.fromCodePoint(to) === pair[1]) map.set(from, to);
    }
    var cache = new Map();
    return function fold(cp) {
      if (cp < 128) return cp >= 65 && cp <= 90 ? cp + 32 : cp;
      var hit = cache.get(cp);
      if (hit !== undefined) return hit;
      var out = cp;
      // NFKC per character, only when it gives one code point, so folding never changes text length
      // (snippet highlights map folded offsets back to the original text one to one).
      var ch = String.fromCodePoint(cp).normalize("NFKC").toLowerCase();
      var first = ch.codePointAt(0);
      if (first !== undefined && String.fromCodePoint(first) === ch) out = first;
      var t = map.get(out);
      if (t !== undefined) out = t;
      cache.set(cp, out);
      return out;
    };
  }

  // ---- character classes ----

  /** Scripts written without spaces: Han (incl. extensions and compatibility), kana, Hangul syllables. */
  function isBigramScript(cp) {
    return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x3134f) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0xac00 && cp <= 0xd7af) || cp === 0x3007;
  }

  var WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
  function isWordChar(cp) {
    if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90);
    return WORD_CHAR.test(String.fromCodePoint(cp));
  }

  // ---- tokens ----

  /**
   * Walks text and calls emit(token, start, end) for every token, offsets in UTF-16 units of the original.
   * Han runs give overlapping bigrams (a lone character gives its unigram); with `unigrams` every Han
   * character is also emitted alone, which is what lets a one-character query match. Other letters and
   * digits give lowercase words.
   */
  function scan(text, fold, unigrams, emit) {
    var i = 0;
    var n = text.length;
    var prev = -1, prevStart = 0; // previous folded Han char in the current run
    var runLength = 0;
    var word = "", wordStart = -1;
    while (i < n) {
      var raw = text.codePointAt(i);
      var size = raw > 0xffff ? 2 : 1;
      var cp = fold(raw);
      if (isBigramScript(cp)) {
        if (wordStart >= 0) { emit(word.slice(0, MAX_WORD), wordStart, i); word = ""; wordStart = -1; }
        var ch = String.fromCodePoint(cp);
        if (prev >= 0) emit(String.fromCodePoint(prev) + ch, prevStart, i + size);
        if (unigrams) emit(ch, i, i + size);
        else if (runLength === 0 && !isBigramScript(nextFolded(text, i + size, fold))) emit(ch, i, i + size);
        prev = cp; prevStart = i; runLength++;
      } else {
        prev = -1; runLength = 0;
        if (isWordChar(cp)) {
          if (wordStart < 0) wordStart = i;
          word += String.fromCodePoint(cp);
        } else if (wordStart >= 0) {
          emit(word.slice(0, MAX_WORD), wordStart, i); word = ""; wordStart = -1;
        }
      }
      i += size;
    }
    if (wordStart >= 0) emit(word.slice(0, MAX_WORD), wordStart, n);
  }

  function nextFolded(text, at, fold) {
    if (at >= text.length) return -1;
    var cp = text.codePointAt(at);
    return cp === undefined ? -1 : fold(cp);
  }

  /** Every token of one document with its weight: TITLE_WEIGHT for the title, 1 for the body.
   * Returns the document's length in weighted tokens (BM25's document length). */
  function scanDoc(title, text, fold, emit) {
    var length = 0;
    scan(title, fold, true, function (t) { emit(t, TITLE_WEIGHT); length += TITLE_WEIGHT; });
    scan(text, fold, true, function (t) { emit(t, 1); length += 1; });
    return length;
  }

  /** The distinct tokens a query needs, in order; a lone Han character gives its unigram (first 200 characters). */
  function queryTokens(query, fold) {
    var tokens = [];
    var seen = new Set();
    scan(String(query).slice(0, 200), fold, false, function (t) {
      if (!seen.has(t)) { seen.add(t); tokens.push(t); }
    });
    return tokens;
  }

  function sourceToken(source) {
    return SOURCE_PREFIX + String(source).trim().toLowerCase().replace(/\s+/g, " ");
  }

  /** FNV-1a over UTF-16 units; spreads tokens over shards. */
  function hashToken(token) {
    var h = 0x811c9dc5;
    for (var i = 0; i < token.length; i++) {
      h ^= token.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }

  // ---- BM25 impacts and the posting codec ----

  /** BM25 term-frequency part quantised to 1..63 (so one posting stores a score, not tf plus a length). */
  function impactOf(tf, length, averageLength) {
    var norm = K1 * (1 - B + B * (length / (averageLength > 0 ? averageLength : 1)));
    var part = (tf * (K1 + 1)) / (tf + norm);
    var q = Math.round((part / (K1 + 1)) * IMPACT_LEVELS);
    return q < 1 ? 1 : q > IMPACT_LEVELS ? IMPACT_LEVELS : q;
  }

  function idfOf(df, total) {
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  }

  /** Appends one posting: doc-number gap as a little-endian varint of 5 bits a character, then the impact. */
  function encodePosting(gap, impact) {
    var s = "";
    while (gap >= 32) { s += ALPHABET[32 | (gap & 31)]; gap = Math.floor(gap / 32); }
    return s + ALPHABET[gap] + ALPHABET[impact];
  }

  /** Decodes a posting list whose first gap counts from `base`; calls visit(docNumber, impact). False if malformed. */
  function decodePostings(encoded, base, visit) {
    var doc = base;
    var i = 0;
    var n = encoded.length;
    while (i < n) {
      var gap = 0, mul = 1, v;
      do {
        v = DIGIT[encoded.charCodeAt(i++)];
        if (v === undefined || mul > 0x1000000000) return false;
        gap += (v & 31) * mul;
        mul *= 32;
      } while (v & 32 && i < n);
      if (v & 32 || i >= n) return false;
      var impact = DIGIT[encoded.charCodeAt(i++)];
      if (impact === undefined) return false;
      doc += gap;
      visit(doc, impact);
    }
    return true;
  }

  // ---- shard files ----

  var SHARD_CALL = "NewsmirrorSearch.shard(";

  /** The text of a shard file: a script that hands its value to the page (works on file:// and http alike). */
  function wrapShard(path, value) {
    return SHARD_CALL + JSON.stringify(path) + "," + JSON.stringify(value) + ");\n";
  }

  /** The value inside a shard file's text, or null when the text is not one. */
  function unwrapShard(text) {
    if (typeof text !== "string" || text.indexOf(SHARD_CALL) !== 0) return null;
    var body = text.slice(SHARD_CALL.length).replace(/\);\s*$/, "");
    var comma = body.indexOf("\",");
    if (comma < 0) return null;
    try { return JSON.parse(body.slice(comma + 2)); } catch (e) { return null; }
  }

  // A segment's key is its window ("3") once sealed, or window.part ("3.2") while the window fills.
  function postingPath(key, shard) { return "p/" + key + "/" + shard.toString(36) + ".js"; }
  function unigramPath(key, shard) { return "u/" + key + "/" + shard.toString(36) + ".js"; }

  /** A single Han (or kana, Hangul) character: such tokens only serve one-character queries, so they live in
   * their own shards and a query for longer words never downloads them. */
  function isUnigram(token) {
    var cp = token.codePointAt(0);
    return cp !== undefined && token.length === (cp > 0xffff ? 2 : 1) && isBigramScript(cp);
  }

  /** The file of segment `seg` (a manifest entry: key, first, shards, unigramShards) that holds `token`. */
  function tokenPath(token, seg) {
    var h = hashToken(token);
    return isUnigram(token) ? unigramPath(seg.key, h % seg.unigramShards) : postingPath(seg.key, h % seg.shards);
  }

  /** The same posting list with its first gap counted from `newBase` instead of `oldBase` (newBase <= first doc). */
  function rebasePostings(encoded, oldBase, newBase) {
    var i = 0, gap = 0, mul = 1, v;
    do {
      v = DIGIT[encoded.charCodeAt(i++)];
      if (v === undefined) return encoded;
      gap += (v & 31) * mul;
      mul *= 32;
    } while (v & 32 && i < encoded.length);
    var impact = DIGIT[encoded.charCodeAt(i)];
    if (impact === undefined) return encoded;
    return encodePosting(oldBase + gap - newBase, impact) + encoded.slice(i + 1);
  }
  function docBlockPath(block) { return "d/" + block.toString(36) + ".js"; }

  // ---- the query ----

  function daysOf(iso) {
    var t = Date.parse(String(iso));
    return isNaN(t) ? NaN : Math.floor(t / 86400000);
  }

  /** Postings of one token over every window: Map docNumber -> impact, and its document frequency. */
  async function loadToken(token, manifest, load, stats) {
    var parts = await Promise.all(manifest.segments.map(function (w) {
      return loadCached(tokenPath(token, w), load, stats).then(function (shard) {
        var entry = shard && typeof shard === "object" ? shard[token] : undefined;
        return Array.isArray(entry) ? { base: w.first - 1, entry: entry } : null;
      });
    }));
    var postings = new Map();
    var df = 0;
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i];
      if (!p || typeof p.entry[1] !== "string") continue;
      df += Number(p.entry[0]) || 0;
      decodePostings(p.entry[1], p.base, function (docNum, impact) { postings.set(docNum, impact); });
    }
    return { token: token, postings: postings, df: df };
  }

  function loadCached(path, load, stats) {
    var hit = stats.cache.get(path);
    if (hit) return hit;
    var promise = Promise.resolve().then(function () { return load(path); }).then(
      function (v) { if (v !== null && v !== undefined) stats.files.push(path); return v === undefined ? null : v; },
      function () { return null; });
    stats.cache.set(path, promise);
    return promise;
  }

  /**
   * Runs a query. `load(path)` returns a shard's value (or null). Every token must match (AND); the
   * score is the BM25 sum; ties go to the higher document number, then the newer date.
   * Returns { hits, total, files } where files lists the shard paths read.
   */
  async function search(query, load, filters, options) {
    filters = filters || {};
    options = options || {};
    var limit = options.limit > 0 ? Math.min(options.limit, 100) : 10;
    var offset = options.offset > 0 ? options.offset : 0;
    var stats = { cache: options.cache || new Map(), files: [] };
    var manifest = await loadCached("manifest.js", load, stats);
    if (!isManifest(manifest)) return { hits: [], total: 0, files: stats.files, error: "search.no-index" };
    var foldTable = await loadCached("fold.js", load, stats);
    var fold = foldFor(foldTable);
    var tokens = queryTokens(query, fold);
    var wanted = tokens.slice();
    if (filters.source) wanted.push(sourceToken(filters.source));
    if (tokens.length === 0) return { hits: [], total: 0, files: stats.files, tokens: tokens };
    var lists = await Promise.all(wanted.map(function (t) { return loadToken(t, manifest, load, stats); }));
    lists.sort(function (a, b) { return a.postings.size - b.postings.size; });
    var total = manifest.total;
    var dead = new Set(Array.isArray(manifest.deleted) ? manifest.deleted : []);
    var scores = new Map();
    var first = lists[0];
    first.postings.forEach(function (impact, doc) { if (!dead.has(doc)) scores.set(doc, 0); });
    for (var i = 0; i < lists.length; i++) {
      var list = lists[i];
      var isFilter = list.token.indexOf(SOURCE_PREFIX) === 0;
      var idf = idfOf(list.df, total);
      scores.forEach(function (score, doc) {
        var impact = list.postings.get(doc);
        if (impact === undefined) scores.delete(doc);
        else if (!isFilter) scores.set(doc, score + idf * impact);
      });
    }
    if (filters.from || filters.to) await applyDateFilter(scores, filters, manifest, load, stats);
    var ranked = Array.from(scores.entries()).sort(function (a, b) { return b[1] - a[1] || b[0] - a[0]; });
    var page = ranked.slice(offset, offset + limit);
    var docs = await loadDocs(page.map(function (e) { return e[0]; }), manifest, load, stats);
    var hits = [];
    for (var k = 0; k < page.length; k++) {
      var doc = docs.get(page[k][0]);
      if (!doc) continue;
      hits.push(makeHit(doc, page[k][1] / IMPACT_LEVELS, tokens, fold));
    }
    hits.sort(function (a, b) { return b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0); });
    return { hits: hits, total: ranked.length, files: stats.files, tokens: tokens };
  }

  function isManifest(m) {
    return !!m && typeof m === "object" && m.version === VERSION && typeof m.total === "number" && m.blockSize > 0 &&
      Array.isArray(m.segments) && m.segments.every(function (w) {
        return !!w && typeof w.key === "string" && typeof w.first === "number" && w.shards > 0 && w.unigramShards > 0;
      });
  }

  var foldCache = new Map();
  function foldFor(table) {
    var key = typeof table === "string" ? table : "";
    var f = foldCache.get(key);
    if (!f) { f = createFold(key); foldCache.set(key, f); }
    return f;
  }

  /** Keeps documents whose date lies in [from, to] (whole days, UTC). Blocks carry their date span, so only
   * blocks that straddle a bound are read. */
  async function applyDateFilter(scores, filters, manifest, load, stats) {
    var from = filters.from ? daysOf(filters.from) : -Infinity;
    var to = filters.to ? daysOf(filters.to) : Infinity;
    if (isNaN(from)) from = -Infinity;
    if (isNaN(to)) to = Infinity;
    var spans = await loadCached("dates.js", load, stats);
    var straddling = new Set();
    var dropped = [];
    scores.forEach(function (s, doc) {
      var block = Math.floor((doc - 1) / manifest.blockSize);
      var span = Array.isArray(spans) ? spans[block] : undefined;
      if (!Array.isArray(span)) { straddling.add(block); return; }
      if (span[1] < from || span[0] > to) dropped.push(doc);
      else if (!(span[0] >= from && span[1] <= to)) straddling.add(block);
    });
    dropped.forEach(function (doc) { scores.delete(doc); });
    if (straddling.size === 0) return;
    var docs = await loadDocs(Array.from(scores.keys()).filter(function (doc) {
      return straddling.has(Math.floor((doc - 1) / manifest.blockSize));
    }), manifest, load, stats);
    docs.forEach(function (doc, num) {
      var day = daysOf(doc.date);
      if (isNaN(day) || day < from || day > to) scores.delete(num);
    });
    // a straddling block that could not be read: its documents cannot be shown as in range
    scores.forEach(function (s, num) {
      if (straddling.has(Math.floor((num - 1) / manifest.blockSize)) && !docs.has(num)) scores.delete(num);
    });
  }

  /** Document records (Map docNumber -> record) from the blocks that hold them. */
  async function loadDocs(nums, manifest, load, stats) {
    var blocks = new Set(nums.map(function (n) { return Math.floor((n - 1) / manifest.blockSize); }));
    var out = new Map();
    await Promise.all(Array.from(blocks).map(function (block) {
      return loadCached(docBlockPath(block), load, stats).then(function (rows) {
        if (!Array.isArray(rows)) return;
        for (var i = 0; i < rows.length; i++) {
          var r = rows[i];
          if (Array.isArray(r) && typeof r[0] === "number") {
            out.set(r[0], { num: r[0], id: String(r[1]), url: String(r[2]), title: String(r[3]), source: String(r[4]), date: String(r[5]), excerpt: String(r[6] || "") });
          }
        }
      });
    }));
    return out;
  }

  function makeHit(doc, score, tokens, fold) {
    var title = highlight(doc.title, tokens, fold, 0);
    var snip = snippetOf(doc.excerpt, tokens, fold, 160);
    return { id: doc.id, url: doc.url, title: doc.title, titleMarks: title.marks, source: doc.source, date: doc.date, score: score, snippet: snip.text, snippetMarks: snip.marks };
  }

  /** Ranges [start, end) of text where a query token occurs (merged). */
  function highlight(text, tokens, fold, limit) {
    var wanted = new Set(tokens);
    var marks = [];
    scan(text, fold, true, function (t, start, end) {
      if (wanted.has(t)) marks.push([start, end]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    for (var i = 0; i < marks.length; i++) {
      var last = merged[merged.length - 1];
      if (last && marks[i][0] <= last[1]) last[1] = Math.max(last[1], marks[i][1]);
      else merged.push([marks[i][0], marks[i][1]]);
    }
    return { text: text, marks: limit > 0 ? merged.slice(0, limit) : merged };
  }

  /** A window of about `size` characters around the first match, with the match ranges inside it. */
  function snippetOf(text, tokens, fold, size) {
    var all = highlight(text, tokens, fold, 0).marks;
    var start = 0;
    if (all.length > 0 && all[0][0] > size / 3) start = all[0][0] - Math.floor(size / 3);
    if (start > 0 && text.charCodeAt(start) >= 0xdc00 && text.charCodeAt(start) <= 0xdfff) start++;
    var end = Math.min(text.length, start + size);
    if (end < text.length && text.charCodeAt(end - 1) >= 0xd800 && text.charCodeAt(end - 1) <= 0xdbff) end--;
    var prefix = start > 0 ? "…" : "";
    var suffix = end < text.length ? "…" : "";
    var marks = [];
    for (var i = 0; i < all.length; i++) {
      var a = Math.max(all[i][0], start), b = Math.min(all[i][1], end);
      if (a < b) marks.push([a - start + prefix.length, b - start + prefix.length]);
    }
    return { text: prefix + text.slice(start, end) + suffix, marks: marks };
  }

  var api = {
    version: VERSION,
    createFold: createFold,
    isBigramScript: isBigramScript,
    scan: scan,
    scanDoc: scanDoc,
    queryTokens: queryTokens,
    sourceToken: sourceToken,
    hashToken: hashToken,
    impactOf: impactOf,
    idfOf: idfOf,
    encodePosting: encodePosting,
    decodePostings: decodePostings,
    wrapShard: wrapShard,
    unwrapShard: unwrapShard,
    postingPath: postingPath,
    unigramPath: unigramPath,
    isUnigram: isUnigram,
    tokenPath: tokenPath,
    rebasePostings: rebasePostings,
    docBlockPath: docBlockPath,
    daysOf: daysOf,
    search: search,
    highlight: highlight,
    snippetOf: snippetOf,
    // Shard scripts call this; the page's loader replaces it (see search.js).
    shard: function () {},
  };
  var g = typeof globalThis !== "undefined" ? globalThis : typeof self !== "undefined" ? self : {};
  var existing = g.NewsmirrorSearch;
  if (existing && typeof existing.shard === "function") api.shard = existing.shard;
  g.NewsmirrorSearch = api;
})();
