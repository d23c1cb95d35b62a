// Shared by the browser scripts: the file of a built site a URL path names, and
// the Chromium the test found (`CHROME`), launched headless through playwright-core
// with the flags that keep it off the network.
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

/// The file under `root` that URL path `rel` names (a folder's index.html), or
/// null when there is none or the path leads outside.
exports.fileUnder = (root, rel) => {
  let name = decodeURIComponent(rel.split(/[?#]/)[0]);
  if (name === "" || name.endsWith("/")) name += "index.html";
  const file = path.resolve(root, name);
  if (!file.startsWith(path.resolve(root) + path.sep)) return null;
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
};

exports.launch = () =>
  chromium.launch({
    executablePath: process.env.CHROME,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
