// dateline search (SPEC §10): the script of the /search/ page.
//
// Reads the files the build writes under `{base}search/` (see the search file
// format: index.json, terms/{k}.json, docs/{c}.json), narrows the events to the
// candidates that hold every query word (by prefix) and pass every filter, then
// ranks the newest candidates — at most 40, from at most 20 document chunks —
// with MiniSearch (vendored as minisearch.js, loaded before this script). The state lives in the address:
// `?q=gas&source=irib&from=2020&to=2024&tag=…&explainer=…&place=…`.
// Plain ES2018, no build step; every file comes from the site itself.
//
// What it needs of the page (templates/search.html; a theme's own must keep it):
// `<div id="search" data-base="{base path}">` holding a `<form>` with an input
// `q` and selects `from`, `to`, `tag`, `source`, `explainer`, `place` (each with
// an empty "any" option first), a `.search-status` live region, an
// `ol.search-results` and a `button.search-more`. It adds `search-js` to the
// div at once and `search-ready` once the filters are filled.
//
// The words it prints come from the div's `data-` attributes, which the theme fills
// from the page language's translation table (SPEC §11), English when absent:
// `data-digits` (the ten digits, `0123456789` or `۰۱۲۳۴۵۶۷۸۹`), `data-key-event`,
// `data-sources-label`, `data-too-short`, `data-no-results-for` (with `{q}`),
// `data-no-results-for-filtered`, `data-no-results-filtered`, `data-failed`,
// `data-outdated`, and `data-results-{category}` (with `{n}`) for each CLDR plural
// category of the language, chosen with `Intl.PluralRules`.
(function () {
  "use strict";

  /** Results shown at first and added by each "Show more". */
  const PAGE = 20;
  /** Candidates ranked by MiniSearch, the newest; the older follow, newest first. */
  const RANKED = 40;
  /**
   * The most document chunks fetched to rank: a word spread across the archive has
   * each candidate in a chunk of its own, and 20 chunks are what the first 20
   * results need anyway.
   */
  const RANKED_CHUNKS = 20;
  /** Delay between a keystroke and the search it starts, in milliseconds. */
  const DEBOUNCE = 100;
  /** The filters in the address and the form, in order. */
  const FILTERS = ["from", "to", "tag", "source", "explainer", "place"];

  // Normalisation, steps 1–4 of the search file format: NFKC and lowercase; drop
  // Arabic diacritics, tatweel, ZWNJ, ZWJ, direction marks and soft hyphens; fold
  // Arabic letter forms to the Persian ones and Persian and Arabic-Indic digits to
  // ASCII; drop Latin (and other) combining marks. The same table as dateline's
  // `fold` module: change both together.
  const REMOVE = /[\u064B-\u065F\u0670\u0640\u200C-\u200F\u00AD]/g;
  const FOLD = {
    "\u0643": "\u06A9",
    "\u06AA": "\u06A9",
    "\u064A": "\u06CC",
    "\u0649": "\u06CC",
    "\u0626": "\u06CC",
    "\u0623": "\u0627",
    "\u0625": "\u0627",
    "\u0622": "\u0627",
    "\u0671": "\u0627",
    "\u0624": "\u0648",
    "\u0629": "\u0647",
    "\u06C0": "\u0647",
    "\u06C1": "\u0647",
    "\u06C2": "\u0647",
    "\u06D5": "\u0647",
    "\u06BE": "\u0647",
    "\u03C2": "\u03C3",
  };
  const FOLDED =
    /[\u0643\u06AA\u064A\u0649\u0626\u0623\u0625\u0622\u0671\u0624\u0629\u06C0\u06C1\u06C2\u06D5\u06BE\u03C2]/g;
  const DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
  /** A Persian or Arabic-Indic digit as its ASCII one. */
  const digit = (c) => String((c.charCodeAt(0) - 0x0660) % 0x90);
  const MARKS = /[\u0300-\u036F]/g;
  // Letters as Rust's char::is_alphanumeric reads them (Alphabetic: vowel signs
  // of Indic scripts too), and numbers.
  const WORD = /[\p{Alphabetic}\p{N}]+/gu;

  /** `text` normalised by steps 1–4 (also the `place:` filter key's value). */
  function normalise(text) {
    return text
      .normalize("NFKC")
      .toLowerCase()
      .replace(REMOVE, "")
      .replace(FOLDED, (c) => FOLD[c])
      .replace(DIGITS, digit)
      .normalize("NFD")
      .replace(MARKS, "")
      .normalize("NFC");
  }

  /** The length of `word` in characters (code points), as the index counts them. */
  function chars(word) {
    return [...word].length;
  }

  /** The words of `text` (step 5), one-character words left out (step 6). */
  function words(text) {
    return (normalise(text).match(WORD) || []).filter((w) => chars(w) > 1);
  }

  /**
   * The shard of a key: `h = (h * 31 + c) % shards` over the code points `c` of
   * its first three characters, or of all of a filter key (one with ":").
   */
  function shard(key, shards) {
    const points = [...key].map((c) => c.codePointAt(0));
    const taken = key.includes(":") ? points : points.slice(0, 3);
    return taken.reduce((h, c) => (h * 31 + c) % shards, 0);
  }

  /** A key's events from the shard's list: the first, then each one's difference. */
  function undelta(list) {
    const out = new Array(list.length);
    let n = 0;
    for (let i = 0; i < list.length; i++) out[i] = n += list[i];
    return out;
  }

  /** Document numbers in both ascending lists, ascending. */
  function intersect(a, b) {
    const out = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else {
        out.push(a[i]);
        i++;
        j++;
      }
    }
    return out;
  }

  /** Every document number in any of the ascending lists, ascending, once each. */
  function union(lists) {
    const all = new Set();
    for (const list of lists) for (const n of list) all.add(n);
    return [...all].sort((x, y) => x - y);
  }

  const root = document.getElementById("search");
  if (!root) return;
  root.classList.add("search-js");
  const base = root.dataset.base || "/";
  const form = root.querySelector("form");
  const input = form.elements.q;
  const status = root.querySelector(".search-status");
  const list = root.querySelector(".search-results");
  const more = root.querySelector(".search-more");

  /** The page's words: the attribute `data-{name}`, else `english`. */
  const word = (name, english) => {
    const value = root.getAttribute(`data-${name}`);
    return value === null ? english : value;
  };
  /** The digits 0–9 of the page's language. */
  const PAGE_DIGITS = [...word("digits", "0123456789")];
  /** `n` (a number or text holding Western digits) in the page's digits. */
  const digits = (n) =>
    PAGE_DIGITS.length === 10 ? String(n).replace(/[0-9]/g, (d) => PAGE_DIGITS[+d]) : String(n);
  /** `text` with each `{name}` replaced by `values[name]`. */
  const fillIn = (text, values) => text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
  /** The CLDR plural category of `n` in the page's language. */
  const category = (n) => {
    try {
      return new Intl.PluralRules(document.documentElement.lang || "en").select(n);
    } catch (e) {
      return n === 1 ? "one" : "other";
    }
  };
  /** "3 results", in the page's language. */
  const resultsText = (n) => {
    const english = n === 1 ? "{n} result" : "{n} results";
    const text = [`results-${category(n)}`, "results-other"].map((name) => root.getAttribute(`data-${name}`)).find((t) => t !== null);
    return fillIn(text === undefined ? english : text, { n: digits(n) });
  };

  /** Fetched files by address: promises of their parsed JSON. */
  const files = new Map();

  /** The index format this script reads (`version` in index.json). */
  const VERSION = 3;

  /**
   * The parsed JSON of `search/{rel}`. Shards and chunks are asked for with the
   * format's version, so a browser that cached those of an older format does not
   * read them with this script.
   */
  function load(rel) {
    const url = base + "search/" + rel + (rel === "index.json" ? "" : `?v=${VERSION}`);
    if (!files.has(url)) {
      const loading = fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.json();
      });
      // A failed load is tried again at the next search.
      loading.catch(() => files.delete(url));
      files.set(url, loading);
    }
    return files.get(url);
  }

  let index = null;

  /**
   * The postings of one key: filter keys and words of two characters exactly;
   * a longer word, every key it begins (all in its shard).
   */
  async function postings(key, prefix) {
    const terms = await load(`terms/${shard(key, index.shards)}.json`);
    if (!prefix || chars(key) < 3) return undelta(terms[key] || []);
    const found = [];
    for (const k of Object.keys(terms)) if (k.startsWith(key)) found.push(undelta(terms[k]));
    return found.length === 1 ? found[0] : union(found);
  }

  /** Document `n`, from its chunk. */
  async function doc(n) {
    const chunk = await load(`docs/${Math.floor(n / index.chunk)}.json`);
    return chunk[n % index.chunk];
  }

  /** The state in the address: `q` and the filters, each a string ("" when absent). */
  function stateOfAddress() {
    const params = new URLSearchParams(location.search);
    const state = { q: params.get("q") || "" };
    for (const f of FILTERS) state[f] = params.get(f) || "";
    return state;
  }

  /** The state of the form. */
  function stateOfForm() {
    const state = { q: input.value };
    for (const f of FILTERS) state[f] = form.elements[f].value;
    return state;
  }

  /** Sets the form to `state`; a filter value the index does not know is dropped. */
  function setForm(state) {
    input.value = state.q;
    for (const f of FILTERS) {
      const select = form.elements[f];
      select.value = state[f];
      if (select.value !== state[f]) select.value = "";
    }
  }

  /** The address of `state`: the page's own, with only the parts given. */
  function address(state) {
    const params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q);
    for (const f of FILTERS) if (state[f]) params.set(f, state[f]);
    const query = params.toString();
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  /** The candidates of `state`: ascending document numbers, or null when nothing is asked. */
  async function candidates(state, queryWords) {
    const sets = [];
    for (const word of queryWords) sets.push(postings(word, true));
    const years = index.filters.year.map(([year]) => year);
    if ((state.from || state.to) && years.length) {
      const from = state.from ? Number(state.from) : years[0];
      const to = state.to ? Number(state.to) : years[years.length - 1];
      const inRange = years.filter((y) => y >= Math.min(from, to) && y <= Math.max(from, to));
      sets.push(Promise.all(inRange.map((y) => postings(`year:${y}`, false))).then(union));
    }
    if (state.tag) sets.push(postings(`tag:${state.tag}`, false));
    if (state.source) sets.push(postings(`source:${state.source}`, false));
    if (state.explainer) sets.push(postings(`explainer:${state.explainer}`, false));
    if (state.place) sets.push(postings(`place:${normalise(state.place)}`, false));
    if (!sets.length) return null;
    const lists = await Promise.all(sets);
    return lists.reduce((a, b) => intersect(a, b));
  }

  /** Tokenizer for MiniSearch: the words of step 5, before normalisation drops any. */
  function tokenize(text) {
    return normalise(text).match(WORD) || [];
  }

  /** Term processing for MiniSearch: the normalised word, or null for one character. */
  function processTerm(term) {
    const word = normalise(term);
    return chars(word) > 1 ? word : null;
  }

  /**
   * The candidates in the order shown: with query words, the newest `RANKED`
   * (held in at most `RANKED_CHUNKS` chunks) ranked by MiniSearch, then the rest
   * of them, newest first; with none, every candidate newest first.
   */
  async function order(found, query, queryWords) {
    const newestFirst = found.slice().reverse();
    if (!queryWords.length) return newestFirst;
    const top = [];
    const chunks = new Set();
    for (const n of newestFirst) {
      const chunk = Math.floor(n / index.chunk);
      if (top.length === RANKED || (!chunks.has(chunk) && chunks.size === RANKED_CHUNKS)) break;
      chunks.add(chunk);
      top.push(n);
    }
    const docs = await Promise.all(top.map(doc));
    // A document's `text` holds what else it is found by (place, tags, sources,
    // explainers), not its title and summary: all three are scored.
    const miniSearch = new MiniSearch({
      fields: ["title", "summary", "text"],
      storeFields: ["title"],
      tokenize,
      processTerm,
      searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 },
    });
    miniSearch.addAll(
      docs.map((d, i) => ({ id: top[i], title: d.title, summary: d.summary || "", text: d.text || "" })),
    );
    const ranked = miniSearch.search(query).map((r) => r.id);
    const seen = new Set(ranked);
    return ranked.concat(newestFirst.filter((n) => !seen.has(n)));
  }

  /** One result, drawn as the timeline draws an event. */
  function item(d) {
    const el = (tag, props, children) => {
      const e = document.createElement(tag);
      Object.assign(e, props || {});
      for (const child of children || []) e.append(child);
      return e;
    };
    // A span's two ends each get a <time>: "4–7 January 2020".
    const when = d.span
      ? el("p", { className: "when" }, [
          el("time", { dateTime: d.datetime, textContent: d.span[0] }),
          d.span[1],
          el("time", { dateTime: d.span[3], textContent: d.span[2] }),
        ])
      : el("p", { className: "when" }, [el("time", { dateTime: d.datetime, textContent: d.date })]);
    if (d.key) when.append(" ", el("span", { className: "key-label", textContent: word("key-event", "Key event") }));
    if (d.place) {
      const place = el("span", { className: "place", dir: "auto", textContent: d.place });
      when.append(" · ", place);
    }
    // On a site in several languages, the title and summary say theirs.
    const lang = d.lang ? { lang: d.lang } : {};
    // Results sit right under the page's h1.
    const article = el("article", {}, [
      when,
      el("h2", { className: "event-title", dir: "auto", ...lang }, [el("a", { href: d.url, textContent: d.title })]),
    ]);
    if (d.summary) article.append(el("p", { className: "summary", dir: "auto", textContent: d.summary, ...lang }));
    if (d.sources && d.sources.length) {
      const markers = el("p", { className: "markers" }, [
        el("span", { className: "visually-hidden", textContent: word("sources-label", "Sources:") + " " }),
      ]);
      d.sources.forEach(([short, url, name], i) => {
        if (i) markers.append(" ");
        markers.append(el("a", { className: "marker", href: url, title: name, textContent: short }));
      });
      article.append(el("div", { className: "item-foot" }, [markers]));
    }
    return el("li", { className: d.key ? "event-item key-event" : "event-item" }, [article]);
  }

  /** The search being shown: its ordered results and how many are drawn. */
  let shown = { results: [], drawn: 0 };
  /** Counts searches, so a slow one does not overwrite a newer one. */
  let generation = 0;

  async function drawMore() {
    const mine = generation;
    const next = shown.results.slice(shown.drawn, shown.drawn + PAGE);
    const docs = await Promise.all(next.map(doc));
    if (mine !== generation) return;
    list.append(...docs.map(item));
    shown.drawn += next.length;
    more.hidden = shown.drawn >= shown.results.length;
  }

  async function search(state) {
    const mine = ++generation;
    const queryWords = words(state.q);
    root.setAttribute("aria-busy", "true");
    try {
      const found = await candidates(state, queryWords);
      const results = found ? await order(found, state.q, queryWords) : [];
      if (mine !== generation) return;
      list.replaceChildren();
      shown = { results, drawn: 0 };
      more.hidden = true;
      if (!found) {
        status.textContent = state.q.trim() ? word("too-short", "Type a longer word to search.") : "";
      } else if (!results.length) {
        status.textContent = state.q.trim()
          ? fillIn(
              FILTERS.some((f) => state[f])
                ? word("no-results-for-filtered", "No results for “{q}” with these filters.")
                : word("no-results-for", "No results for “{q}”."),
              { q: state.q.trim() },
            )
          : word("no-results-filtered", "No results with these filters.");
      } else {
        status.textContent = resultsText(results.length);
        await drawMore();
      }
    } catch (e) {
      if (mine !== generation) return;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = word("failed", "Search could not load its index. Try again later.");
    } finally {
      if (mine === generation) root.removeAttribute("aria-busy");
    }
  }

  /** Fills a filter's select with `[value, label]` options after its "any" option. */
  function fill(name, options) {
    const select = form.elements[name];
    // A filter with nothing to choose (a site without explainers) is not offered.
    if (!options.length) select.closest("p").hidden = true;
    for (const [value, label] of options) {
      const option = document.createElement("option");
      option.value = String(value);
      option.textContent = label;
      select.append(option);
    }
  }

  function fillFilters() {
    const f = index.filters;
    const years = f.year.map(([year, count]) => [year, `${digits(year)} (${digits(count)})`]);
    fill("from", years);
    fill("to", years);
    fill("tag", f.tag.map(([slug, name, count]) => [slug, `${name} (${digits(count)})`]));
    fill(
      "source",
      f.source.map(([id, name, short, count]) => [id, short && short !== name ? `${name} (${short}, ${digits(count)})` : `${name} (${digits(count)})`]),
    );
    fill("explainer", f.explainer.map(([id, title, count]) => [id, `${title} (${digits(count)})`]));
    fill("place", f.place.map(([place, count]) => [place, `${place} (${digits(count)})`]));
  }

  let timer = 0;
  /** Searches the form's state, keeping the address current. */
  function update(push) {
    clearTimeout(timer);
    const state = stateOfForm();
    const to = address(state);
    if (to !== location.pathname + location.search + location.hash) {
      if (push) history.pushState(null, "", to);
      else history.replaceState(null, "", to);
    }
    return search(state);
  }

  async function start() {
    try {
      index = await load("index.json");
    } catch (e) {
      status.textContent = word("failed", "Search could not load its index. Try again later.");
      return;
    }
    if (index.version !== VERSION) {
      // An index.json cached from an older build, or a newer one with this script.
      status.textContent = word("outdated", "Search was updated while this page was open. Reload the page to search.");
      return;
    }
    fillFilters();
    setForm(stateOfAddress());
    root.classList.add("search-ready");
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => update(false), DEBOUNCE);
    });
    for (const f of FILTERS) form.elements[f].addEventListener("change", () => update(false));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      update(true);
    });
    more.addEventListener("click", () => drawMore());
    window.addEventListener("popstate", () => {
      clearTimeout(timer);
      const state = stateOfAddress();
      setForm(state);
      search(stateOfForm());
    });
    await search(stateOfForm());
  }

  start();
})();
