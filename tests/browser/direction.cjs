// Reads the direction the browser gives each block of the page at the URL given, at
// the viewport width given; with "rtl" as third argument the page is first made a
// right-to-left page (`<html dir="rtl">`). Prints one JSON object: every block of
// user text with its computed direction and alignment, where the timeline's rule,
// its first dot and its first entry are drawn, and the overview's transform.
const { launch } = require("./launch.cjs");

(async () => {
  const [url, width, rtl] = process.argv.slice(2);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
    await page.goto(url);
    const measured = await page.evaluate((rtl) => {
      if (rtl === "rtl") document.documentElement.dir = "rtl";
      const rect = (e) => {
        const r = e.getBoundingClientRect();
        return { left: Math.round(r.left), right: Math.round(r.right) };
      };
      const blocks = [
        ...document.querySelectorAll(
          ".body :is(p, li, td, th, h2, h3, blockquote, figcaption), .event-title, .event-title a, .summary",
        ),
      ].map((e) => ({
        tag: e.tagName.toLowerCase(),
        class: e.className || null,
        text: e.textContent.trim().slice(0, 24),
        direction: getComputedStyle(e).direction,
      }));
      const list = document.querySelector(".event-list");
      let rule = null;
      if (list) {
        const item = list.querySelector(".event-item");
        const dot = getComputedStyle(item, "::before");
        const itemBox = item.getBoundingClientRect();
        const dotLeft = itemBox.left + parseFloat(dot.left);
        rule = {
          list: rect(list),
          border_left: getComputedStyle(list).borderLeftWidth,
          border_right: getComputedStyle(list).borderRightWidth,
          entry: rect(item.querySelector("article")),
          dot: { left: Math.round(dotLeft), right: Math.round(dotLeft + parseFloat(dot.width)) },
        };
      }
      const chart = document.querySelector(".overview-chart, .chart");
      return {
        html_direction: getComputedStyle(document.documentElement).direction,
        blocks,
        rule,
        chart_transform: chart ? getComputedStyle(chart).transform : null,
        overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      };
    }, rtl || "");
    console.log(JSON.stringify(measured));
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
