// Measures how the built-in theme lays out the page at the URL given, at the
// viewport width given (in CSS pixels), light or dark ("dark" as third argument):
// the widths of the reading column, of images, and how citations and links are
// drawn. Prints one JSON object.
const { launch } = require("./launch.cjs");

(async () => {
  const [url, width, scheme] = process.argv.slice(2);
  const browser = await launch();
  try {
    const page = await browser.newPage({
      viewport: { width: Number(width), height: 900 },
      colorScheme: scheme === "dark" ? "dark" : "light",
    });
    await page.goto(url);
    const measured = await page.evaluate(() => {
      const box = (e) => e.getBoundingClientRect();
      const widths = (selector) =>
        [...document.querySelectorAll(selector)].map((e) => Math.round(box(e).width));
      const style = (selector, property) => {
        const e = document.querySelector(selector);
        return e ? getComputedStyle(e).getPropertyValue(property) : null;
      };
      const left = (selector) => {
        const e = document.querySelector(selector);
        return e ? Math.round(box(e).left) : null;
      };
      return {
        overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        paragraphs: widths(".body > p"),
        title: widths("h1.page-title"),
        site_title_left: left(".site-title"),
        title_left: left("h1.page-title"),
        paragraph_left: left(".body > p"),
        lead: widths(".lead-image img"),
        figures: widths(".body figure img"),
        caption_display: style(".lead-image .caption", "display"),
        credit_display: style(".lead-image .credit", "display"),
        body_color: style(".body > p", "color"),
        link_color: style(".body a[href*='/2020/']", "color"),
        cite_link_color: style(".body a.cite-link", "color"),
        cite_link_border: style(".body a.cite-link", "border-bottom-style"),
        cite_link_decoration: style(".body a.cite-link", "text-decoration-line"),
        cite_background: style(".body a.cite", "background-color"),
        cite_link_background: style(".body a.cite-link", "background-color"),
        sources_link_decoration: style(".sources-cited li > a", "text-decoration-line"),
        sources_name_decoration: style(".sources-cited li > a .name", "text-decoration-line"),
      };
    });
    console.log(JSON.stringify(measured));
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
