// Reads a built site's timeline as a reader scrolls it, at a desktop width and a
// phone's, in light and dark, and prints what the year navigation did as JSON.
//
//   node timeline.cjs PUBLIC_DIR BASE_URL
//
// PUBLIC_DIR is the built site, BASE_URL the address it was built for; requests
// for BASE_URL are answered from PUBLIC_DIR, every other one refused and listed
// in `blocked`.
//
// Printed: `views`, one per width and colour scheme, each with the navigation's
// height and whether its row scrolls sideways, whether the page is wider than the
// screen, where the navigation is after scrolling halfway and to the end (its top
// and bottom, in px from the top of the screen), where the last year's heading
// lands after its link is followed, the navigation's background and the page's,
// and the height of the timeline; `errors` and `blocked`.
const { launch, serveSite } = require("./launch.cjs");

const [publicDir, baseUrl] = process.argv.slice(2);

const VIEWS = [
  { name: "desktop", width: 1280, height: 900, scheme: "light" },
  { name: "desktop dark", width: 1280, height: 900, scheme: "dark" },
  { name: "phone", width: 390, height: 844, scheme: "light" },
  { name: "phone dark", width: 390, height: 844, scheme: "dark" },
];

(async () => {
  const blocked = [];
  const errors = [];
  const views = {};
  const browser = await launch();
  try {
    for (const view of VIEWS) {
      const context = await browser.newContext({
        viewport: { width: view.width, height: view.height },
        colorScheme: view.scheme,
      });
      await context.route("**/*", serveSite(publicDir, baseUrl, blocked));
      const tab = await context.newPage();
      tab.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
      await tab.goto(baseUrl);
      const nav = () =>
        tab.evaluate(() => {
          const r = document.querySelector(".year-nav").getBoundingClientRect();
          return { top: Math.round(r.top), bottom: Math.round(r.bottom) };
        });
      // Scroll through once, so every month is laid out and sized.
      const height = await tab.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y < height; y += view.height / 2) {
        await tab.evaluate((y) => window.scrollTo(0, y), y);
      }
      await tab.evaluate(() => window.scrollTo(0, 0));
      const seen = await tab.evaluate(() => {
        const nav = document.querySelector(".year-nav");
        const row = nav.querySelector("ul");
        const style = (el) => getComputedStyle(el).backgroundColor;
        return {
          navHeight: Math.round(nav.getBoundingClientRect().height),
          rowScrolls: row.scrollWidth > row.clientWidth,
          pageWiderThanScreen: document.documentElement.scrollWidth > window.innerWidth,
          navBackground: style(nav),
          pageBackground: style(document.body),
          timelineHeight: Math.round(document.querySelector(".timeline").getBoundingClientRect().height),
          pageHeight: document.documentElement.scrollHeight,
        };
      });
      await tab.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
      seen.navHalfway = await nav();
      await tab.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      seen.navAtEnd = await nav();
      // Follow the last year's link, as a reader taps it.
      await tab.evaluate(() => window.scrollTo(0, 0));
      const last = tab.locator(".year-nav li:last-child a");
      const year = (await last.textContent()).trim();
      await last.click();
      await tab.waitForFunction((year) => location.hash === `#y${year}`, year);
      seen.lastYear = year;
      seen.lastYearHeading = await tab.evaluate((year) => {
        const r = document.getElementById(`y${year}-h`).getBoundingClientRect();
        return { top: Math.round(r.top), bottom: Math.round(r.bottom) };
      }, year);
      seen.navAfterJump = await nav();
      views[view.name] = seen;
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify({ views, errors, blocked }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
