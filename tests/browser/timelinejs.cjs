// Loads a built site's timeline.json into Knight Lab's TimelineJS3 viewer, as a
// newsroom's page embeds it, and prints what the viewer shows as JSON.
//
//   node timelinejs.cjs PUBLIC_DIR BASE_URL
//
// PUBLIC_DIR is the built site, BASE_URL the address it was built for
// (`https://news.example.org/alder/`). The embedding page and the viewer's own
// files (from the installed npm package, no CDN: the page gives the viewer their
// `script_path`, and a font that needs no web font) are served from 127.0.0.1; the
// browser's requests for BASE_URL are answered from PUBLIC_DIR, with the
// `Access-Control-Allow-Origin: *` that GitHub Pages sends; an image from any
// other server is answered with a small PNG and listed in `stood_in`. Every other
// request is refused before it leaves the machine and listed in `blocked`.
//
// Printed: `ready` (the viewer's `ready` event fired), `slides` (id, headline,
// date, links, image of each, in order), `markers` and `groups` of the time
// navigation, `messages` (the text of every message box the viewer put in the
// page: "Loading Image", or on failure "Error: …"), `errors` (page errors and
// console errors other than refused requests), `blocked`, `stood_in` (each
// address once).
const fs = require("fs");
const http = require("http");
const path = require("path");
const { contentType, fileUnder, launch } = require("./launch.cjs");

const [publicDir, baseUrl] = process.argv.slice(2);
const dist = path.join(process.env.NODE_PATH, "@knight-lab", "timelinejs", "dist");

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8DA0MDAAKEAGHsC/7F5280AAAAASUVORK5CYII=",
  "base64",
);


/// The embedding page: the viewer's stylesheet and script from this server, the
/// export from the site's own address.
function page() {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Embedded timeline</title>
<link rel="stylesheet" href="/timelinejs/css/timeline.css">
</head>
<body>
<div id="timeline-embed" style="width: 100%; height: 600px"></div>
<script src="/timelinejs/js/timeline.js"></script>
<script>
  window.viewerReady = false;
  // Self-hosted, as docs/PUBLISHING.md shows: the viewer's fonts and other files
  // from this server, and a font of the reader's system rather than a web font.
  window.timeline = new TL.Timeline("timeline-embed", ${JSON.stringify(baseUrl + "timeline.json")}, {
    script_path: location.origin + "/timelinejs/js/",
    font: "georgia-helvetica",
  });
  window.timeline.on("ready", () => { window.viewerReady = true; });
</script>
</body>
</html>
`;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  if (url.pathname === "/") {
    res.writeHead(200, { "content-type": contentType("index.html") });
    return res.end(page());
  }
  const file = url.pathname.startsWith("/timelinejs/")
    ? fileUnder(dist, url.pathname.slice("/timelinejs/".length))
    : null;
  if (!file) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(200, { "content-type": contentType(file) });
  fs.createReadStream(file).pipe(res);
});

/// Answers every request of the browser: see the head of this file.
function router(local, blocked, stoodIn) {
  return async (route) => {
    const url = route.request().url();
    if (url.startsWith(local)) return route.continue();
    if (url.startsWith(baseUrl)) {
      const file = fileUnder(publicDir, url.slice(baseUrl.length));
      if (!file) return route.fulfill({ status: 404, body: "" });
      return route.fulfill({
        status: 200,
        headers: {
          "content-type": contentType(file),
          "access-control-allow-origin": "*",
        },
        body: fs.readFileSync(file),
      });
    }
    if (/^https?:\/\/[^/]+\/.*\.(png|jpe?g|gif|webp)(\?.*)?$/i.test(url)) {
      if (!stoodIn.includes(url)) stoodIn.push(url);
      return route.fulfill({ status: 200, headers: { "content-type": "image/png" }, body: PNG });
    }
    blocked.push(url);
    return route.abort("blockedbyclient");
  };
}

/// What the page shows: every slide, the time navigation and any error message.
function shown() {
  const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : null);
  return {
    slides: [...document.querySelectorAll(".tl-slide")].map((slide) => {
      const img = slide.querySelector("img.tl-media-image");
      return {
        id: slide.id,
        title: slide.classList.contains("tl-slide-titleslide"),
        headline: text(slide.querySelector(".tl-headline")),
        date: text(slide.querySelector(".tl-headline-date")),
        text: text(slide.querySelector(".tl-text-content")),
        links: [...slide.querySelectorAll(".tl-text-content a")].map((a) => a.href),
        image: img && {
          src: img.getAttribute("src"),
          alt: img.alt,
          loaded: img.complete && img.naturalWidth > 0,
          caption: text(slide.querySelector(".tl-caption")),
          credit: text(slide.querySelector(".tl-credit")),
        },
        load_error: text(slide.querySelector(".tl-media-loaderror")),
      };
    }),
    markers: [...document.querySelectorAll(".tl-timemarker")].map((m) =>
      text(m.querySelector(".tl-headline")),
    ),
    groups: [...document.querySelectorAll(".tl-timegroup-message")].map(text),
    messages: [...document.querySelectorAll(".tl-message-full, .tl-message")]
      .map(text)
      .filter((t) => t),
  };
}

(async () => {
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const local = `http://127.0.0.1:${server.address().port}/`;
  const blocked = [];
  const stoodIn = [];
  const errors = [];
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.route("**/*", router(local, blocked, stoodIn));
    const tab = await context.newPage();
    tab.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    tab.on("console", (message) => {
      if (message.type() !== "error") return;
      // A refused request is reported as a failed load: listed in `blocked`.
      const at = message.location().url;
      if (blocked.includes(at) && message.text().startsWith("Failed to load resource")) return;
      errors.push(`console error: ${message.text()}`);
    });
    await tab.goto(local);
    let ready = true;
    try {
      await tab.waitForFunction(() => window.viewerReady, null, { timeout: 20000 });
    } catch (e) {
      ready = false;
    }
    if (ready) {
      // Media loads when its slide is shown: show each in turn, then wait for its
      // image, if any, to finish loading (or fail).
      const count = await tab.evaluate(() => document.querySelectorAll(".tl-slide").length);
      for (let n = 0; n < count; n++) {
        await tab.evaluate((n) => window.timeline.goTo(n), n);
        await tab.waitForFunction(
          (n) => {
            const slide = document.querySelectorAll(".tl-slide")[n];
            if (!slide.querySelector(".tl-media")) return true;
            const img = slide.querySelector("img.tl-media-image");
            return (img && img.complete) || slide.querySelector(".tl-media-loaderror");
          },
          n,
          { timeout: 10000 },
        );
      }
    }
    const seen = await tab.evaluate(shown);
    console.log(JSON.stringify({ ready, ...seen, errors, blocked, stood_in: stoodIn }));
  } finally {
    await browser.close();
    server.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
