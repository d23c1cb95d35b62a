// Prints the title of the page at the URL given, as the browser sees it: the
// smallest use of the harness, which its own test checks.
const { launch } = require("./launch.cjs");

(async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(process.argv[2]);
    console.log(JSON.stringify({ title: await page.title() }));
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
