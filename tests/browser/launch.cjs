// Shared by the browser scripts: the file of a built site a URL path names, a
// route handler that serves a built site from the address it was built for, and
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

const TYPES = {
  ".css": "text/css",
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".json": "application/json",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".eot": "application/vnd.ms-fontobject",
};

/// The content type a static host gives `file`, by its extension.
exports.contentType = (file) => TYPES[path.extname(file)] || "application/octet-stream";

/// A handler for `context.route("**/*", …)`: requests for `baseUrl` are answered
/// from the built site in `publicDir` (404 when it has no such file); every other
/// request is refused before it leaves the machine and its address pushed onto
/// `blocked`.
exports.serveSite = (publicDir, baseUrl, blocked) => async (route) => {
  const url = route.request().url();
  if (url.startsWith(baseUrl)) {
    const file = exports.fileUnder(publicDir, url.slice(baseUrl.length));
    if (!file) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({
      status: 200,
      headers: { "content-type": exports.contentType(file) },
      body: fs.readFileSync(file),
    });
  }
  blocked.push(url);
  return route.abort("blockedbyclient");
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
