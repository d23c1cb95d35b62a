// Uses a built site's search page (SPEC §10) as a reader does and prints what it
// showed at each step as JSON.
//
//   node search.cjs PUBLIC_DIR BASE_URL
//
// PUBLIC_DIR is the built site, BASE_URL the address it was built for
// (`https://news.example.org/alder/`): the browser's requests for BASE_URL are
// answered from PUBLIC_DIR; every other request is refused before it leaves the
// machine and listed in `blocked`.
//
// Printed: `options` (each filter's options as [value, label]), `steps` (by name:
// the address's query string, the search box, the filters, the status line, the
// results drawn (each title's and summary's `lang` among them), whether "Show more" is offered and the page's heading levels), `followed` (title and
// address of the page a result's link led to), `errors` (page errors and console
// errors), `blocked`.
const { launch, serveSite } = require("./launch.cjs");

const [publicDir, baseUrl] = process.argv.slice(2);

const FILTERS = ["from", "to", "tag", "source", "explainer", "place"];

/// What the search page shows now.
function shown(filters) {
  const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : null);
  const root = document.getElementById("search");
  const form = root.querySelector("form");
  return {
    search: location.search,
    query: form.elements.q.value,
    filters: Object.fromEntries(filters.map((f) => [f, form.elements[f].value])),
    status: text(root.querySelector("[aria-live]")),
    results: [...root.querySelectorAll("ol.search-results > li")].map((li) => ({
      title: text(li.querySelector(".event-title a")),
      url: li.querySelector(".event-title a").href,
      level: li.querySelector(".event-title").tagName.toLowerCase(),
      key: li.classList.contains("key-event"),
      datetimes: [...li.querySelectorAll("time")].map((t) => t.getAttribute("datetime")),
      date: text(li.querySelector(".when")),
      place: text(li.querySelector(".place")),
      summary: text(li.querySelector(".summary")),
      lang: [li.querySelector(".event-title"), li.querySelector(".summary")].map((e) => e && e.getAttribute("lang")),
      markers: [...li.querySelectorAll("a.marker")].map((a) => [text(a), a.href, a.title]),
    })),
    more: [...root.querySelectorAll("button")].some((b) => text(b) === "Show more" && !b.hidden),
    outline: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => h.tagName.toLowerCase()),
  };
}

/// Waits until the page has searched for `want` (q and filters, "" for none) and
/// drawn the results.
async function settled(tab, want) {
  await tab.waitForFunction(
    ([want, filters]) => {
      const root = document.getElementById("search");
      if (!root || !root.classList.contains("search-ready")) return false;
      const params = new URLSearchParams(location.search);
      const form = root.querySelector("form");
      for (const f of ["q", ...filters]) {
        if ((params.get(f) || "") !== (want[f] || "")) return false;
        if (form.elements[f].value !== (want[f] || "")) return false;
      }
      const status = root.querySelector("[aria-live]").textContent.trim();
      return !root.hasAttribute("aria-busy") && status !== "";
    },
    [want, FILTERS],
    { timeout: 10000 },
  );
}

/// Sets the search box and the filters to `want` ("" for those not named) as a
/// reader would: typing the query, choosing each filter.
async function ask(tab, want) {
  for (const f of FILTERS) {
    const select = tab.locator(`#search select[name="${f}"]`);
    if ((await select.inputValue()) !== (want[f] || "")) await select.selectOption(want[f] || "");
  }
  const box = tab.locator('#search input[name="q"]');
  if ((await box.inputValue()) !== (want.q || "")) {
    await box.fill("");
    if (want.q) await box.pressSequentially(want.q, { delay: 30 });
  }
  await settled(tab, want);
}

(async () => {
  const blocked = [];
  const errors = [];
  const steps = {};
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.route("**/*", serveSite(publicDir, baseUrl, blocked));
    const tab = await context.newPage();
    tab.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    tab.on("console", (message) => {
      if (message.type() === "error") errors.push(`console error: ${message.text()}`);
    });
    const record = async (name) => {
      steps[name] = await tab.evaluate(shown, FILTERS);
    };

    await tab.goto(baseUrl + "search/");
    await tab.waitForSelector("#search.search-ready", { timeout: 10000 });
    const options = await tab.evaluate((filters) => {
      const form = document.querySelector("#search form");
      return Object.fromEntries(
        filters.map((f) => [f, [...form.elements[f].options].map((o) => [o.value, o.textContent])]),
      );
    }, FILTERS);

    await ask(tab, { q: "gas" });
    await tab.locator('#search input[name="q"]').press("Enter");
    await settled(tab, { q: "gas" });
    await record("gas");
    await ask(tab, { q: "gas", source: "irib" });
    await record("gas from IRIB");
    await tab.reload();
    await settled(tab, { q: "gas", source: "irib" });
    await record("reloaded");
    await ask(tab, { source: "irib" });
    await record("IRIB alone");
    await ask(tab, { q: "gas", from: "2020", to: "2022" });
    await record("gas from 2020 to 2022");
    await ask(tab, { place: "Tehran, Iran" });
    await record("Tehran alone");
    for (const q of ["كرمان", "میرود", "ميرود", "zeppelin", "briefing"]) {
      await ask(tab, { q });
      await record(q);
    }
    await tab.locator("#search button", { hasText: "Show more" }).click();
    await tab.waitForFunction(() => document.querySelectorAll("ol.search-results > li").length > 20);
    await record("briefing, more");

    await ask(tab, { q: "gas" });
    await Promise.all([
      tab.waitForURL((url) => !url.pathname.endsWith("/search/")),
      tab.locator("ol.search-results a", { hasText: "Gas pipeline opens" }).click(),
    ]);
    const followed = { title: await tab.title(), url: tab.url() };

    console.log(JSON.stringify({ options, steps, followed, errors, blocked }));
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
