// Times a one-word search on a built site's search page, as docs/PERFORMANCE.md
// reports it (SPEC §10: first results within 300 ms of typing, at most 1 MB gzip
// for the query at 10,000 events, 2 MB at 100,000). Run by hand:
//
//   NODE_PATH=…/node_modules CHROME=/usr/bin/chromium \
//     node tests/browser/search-timing.cjs PUBLIC_DIR BASE_URL WORD [RUNS]
//
// Each run opens /search/ in a fresh browser context (empty cache), waits for the
// page to load (its script fetches search/index.json for the filters), types WORD
// and waits for the first result. Printed as JSON per run: `ms` from the last
// keystroke to the first result drawn; `bytes`, what the query fetched after the
// page had loaded, gzipped at level 6 as a static host serves it; `page_bytes`,
// the page with its scripts, style and index.json, gzipped likewise; `results`.
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { launch } = require("./launch.cjs");

const [publicDir, baseUrl, word, runs = "5"] = process.argv.slice(2);

function fileUnder(root, rel) {
  let name = decodeURIComponent(rel.split(/[?#]/)[0]);
  if (name === "" || name.endsWith("/")) name += "index.html";
  const file = path.resolve(root, name);
  if (!file.startsWith(path.resolve(root) + path.sep)) return null;
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

(async () => {
  const browser = await launch();
  const out = [];
  try {
    for (let run = 0; run < Number(runs); run++) {
      const context = await browser.newContext();
      let bytes = 0;
      await context.route("**/*", async (route) => {
        const url = route.request().url();
        const file = url.startsWith(baseUrl) && fileUnder(publicDir, url.slice(baseUrl.length));
        if (!file) return route.abort("blockedbyclient");
        const body = fs.readFileSync(file);
        bytes += zlib.gzipSync(body, { level: 6 }).length;
        const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".json")
          ? "application/json" : file.endsWith(".css") ? "text/css" : "text/html; charset=utf-8";
        return route.fulfill({ status: 200, headers: { "content-type": type }, body });
      });
      const page = await context.newPage();
      await page.goto(baseUrl + "search/", { waitUntil: "networkidle" });
      const pageBytes = bytes;
      bytes = 0;
      await page.focus('input[name="q"]');
      await page.keyboard.type(word);
      const started = Date.now();
      await page.waitForSelector(".search-results li", { timeout: 30000 });
      const ms = Date.now() - started;
      await page.waitForLoadState("networkidle");
      const results = await page.$eval(".search-status", (e) => e.textContent);
      out.push({ ms, bytes, page_bytes: pageBytes, results });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
