// Runs axe-core over pages of built sites in headless Chromium, light and dark, at
// a desktop and a phone width, and takes a full-page screenshot of each: what a
// reviewer looks at, and what the test fails on.
//
//   node axe.cjs PLAN_JSON
//
// PLAN_JSON names a file holding
//   { "shots": DIR, "sites": [{ "name", "public", "base", "pages": [{ "kind", "path" }] }] }
// where `public` is a built site, `base` the address it was built for
// (`https://news.example.org/alder/`) and `path` a page's path under it (`2024/`,
// `404.html`). The browser's requests for `base` are answered from `public`; every
// other request is refused before it leaves the machine and listed in `blocked`.
//
// Each page is opened in four variants: 1280 and 390 px wide, each with
// `prefers-color-scheme` light and dark. Once it has loaded (and the search page
// has drawn its form and any results its address asks for), the page is saved as
// `DIR/{site}-{kind}-{width}-{scheme}.png` and axe-core runs over the whole
// document with its default rules (WCAG 2 A and AA, and best practices). Parts of
// a page that the theme lets the browser skip drawing while they are off screen
// (`content-visibility: auto`) are drawn first, so that the screenshot shows them
// and axe can measure their colours.
//
// Printed: `results`, one per page and variant (`site`, `kind`, `path`, `width`,
// `scheme`, `status` of the response, `title`, `violations`: each rule's `id`,
// `impact`, `help` and `nodes` with their `target` and `html`, and `screenshot`),
// `errors` (page errors and console errors, with the page they came from) and
// `blocked`.
const fs = require("fs");
const path = require("path");
const { launch, serveSite } = require("./launch.cjs");

const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const VARIANTS = [
  { width: 1280, height: 800, scheme: "light" },
  { width: 1280, height: 800, scheme: "dark" },
  { width: 390, height: 844, scheme: "light" },
  { width: 390, height: 844, scheme: "dark" },
];

/// axe-core's violations on the page now, each node by its selector and markup.
async function violations(tab) {
  await tab.evaluate(axeSource);
  return tab.evaluate(async () => {
    const found = await window.axe.run(document, { resultTypes: ["violations"] });
    return found.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(" "),
        html: n.html.length > 300 ? n.html.slice(0, 300) + "…" : n.html,
        summary: n.failureSummary,
      })),
    }));
  });
}

/// Every page of `site` in one variant: its results pushed onto `results`.
async function check(browser, site, variant, results, errors, blocked) {
  const context = await browser.newContext({
    viewport: { width: variant.width, height: variant.height },
    colorScheme: variant.scheme,
    reducedMotion: "reduce",
  });
  try {
    await context.route("**/*", serveSite(site.public, site.base, blocked));
    const tab = await context.newPage();
    let current = "";
    tab.on("pageerror", (e) => errors.push(`${current}: page error: ${e.message}`));
    tab.on("console", (message) => {
      if (message.type() === "error") errors.push(`${current}: console error: ${message.text()}`);
    });
    for (const page of site.pages) {
      current = `${site.name} ${page.kind} (${page.path || "/"})`;
      const response = await tab.goto(site.base + page.path, { waitUntil: "load" });
      if (await tab.$("#search")) {
        await tab.waitForFunction(
          () => {
            const root = document.getElementById("search");
            return root.classList.contains("search-ready") && !root.hasAttribute("aria-busy");
          },
          null,
          { timeout: 10000 },
        );
      }
      await tab.addStyleTag({ content: "* { content-visibility: visible !important; }" });
      const screenshot = path.join(
        plan.shots,
        `${site.name}-${page.kind}-${variant.width}-${variant.scheme}.png`,
      );
      await tab.screenshot({ path: screenshot, fullPage: true });
      results.push({
        site: site.name,
        kind: page.kind,
        path: page.path,
        width: variant.width,
        scheme: variant.scheme,
        status: response ? response.status() : null,
        title: await tab.title(),
        violations: await violations(tab),
        screenshot,
      });
    }
  } finally {
    await context.close();
  }
}

(async () => {
  fs.mkdirSync(plan.shots, { recursive: true });
  const results = [];
  const errors = [];
  const blocked = [];
  const browser = await launch();
  try {
    // The four variants side by side: each has a tab of its own.
    for (const site of plan.sites) {
      await Promise.all(
        VARIANTS.map((variant) => check(browser, site, variant, results, errors, blocked)),
      );
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify({ results, errors, blocked }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
