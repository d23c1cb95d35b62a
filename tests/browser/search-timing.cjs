// Times a one-word search on a built site's search page, as docs/PERFORMANCE.md
// reports it (SPEC §10: first results within 300 ms of typing, at most 1 MB gzip
// for the query at 10,000 events, 2 MB at 100,000). Run by hand:
//
//   NODE_PATH=…/node_modules CHROME=/usr/bin/chromium \
//     node tests/browser/search-timing.cjs PUBLIC_DIR WORD [RUNS]
//
// PUBLIC_DIR is a site built with `--base-url /`. It is served on 127.0.0.1 over
// HTTP/1.1 with gzip (level 6), as a static host serves it. Each run opens
// /search/ in a fresh browser context (empty cache), waits until the page has
// loaded (its script fetches search/index.json for the filters), types WORD and
// waits for the first result. Printed as JSON, one object per run: `ms` from the
// last keystroke to the first result drawn (the script waits 100 ms for typing to
// pause, which this includes); `bytes`, what the query fetched after the page had
// loaded, gzipped; `page_bytes`, the page with its scripts, style and index.json;
// `chunks`, how many document chunks (search/docs/…) it fetched; `first`, the
// first result's title; `results`, the status line. The tests run it once on a
// small site to check how many chunks a word spread across the archive fetches.
const fs = require("fs");
const http = require("http");
const zlib = require("zlib");
const { contentType, fileUnder, launch } = require("./launch.cjs");

const [publicDir, word, runs = "5"] = process.argv.slice(2);
let served = 0;
let chunks = 0;

const server = http.createServer((request, response) => {
  const file = fileUnder(publicDir, request.url.slice(1));
  if (!file) {
    response.writeHead(404);
    return response.end();
  }
  const body = zlib.gzipSync(fs.readFileSync(file), { level: 6 });
  served += body.length;
  if (request.url.startsWith("/search/docs/")) chunks += 1;
  response.writeHead(200, {
    "content-type": contentType(file),
    "content-encoding": "gzip",
    "content-length": body.length,
  });
  response.end(body);
});

server.listen(0, "127.0.0.1", async () => {
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  const out = [];
  try {
    for (let run = 0; run < Number(runs); run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      served = 0;
      await page.goto(base + "search/", { waitUntil: "networkidle" });
      const pageBytes = served;
      served = 0;
      chunks = 0;
      await page.focus('input[name="q"]');
      await page.keyboard.type(word);
      const started = Date.now();
      await page.waitForSelector(".search-results li", { timeout: 30000 });
      const ms = Date.now() - started;
      await page.waitForLoadState("networkidle");
      const results = await page.$eval(".search-status", (e) => e.textContent);
      const first = await page.$eval(".search-results .event-title", (e) => e.textContent);
      out.push({ ms, bytes: served, page_bytes: pageBytes, chunks, first, results });
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(JSON.stringify(out));
});
