// A search.js loader over a built site's folder, for Node: what the
// browser's fetch loader does (themes/default/static/search.js), reading
// files instead. `onRead(file, bytes)` sees every file read.
"use strict";
const fs = require("fs");
const path = require("path");
const { JSDOM } = require("jsdom");

function siteLoader(output, passagesFromDocument, onRead = () => {}) {
  const front = fs.readFileSync(path.join(output, "index.html"), "utf8");
  const base = (front.match(/data-base="([^"]*)"/) || [, ""])[1];
  const read = (file) => {
    const bytes = fs.readFileSync(path.join(output, file));
    onRead(file, bytes);
    return bytes;
  };
  return (file, kind) => {
    if (kind === "page") {
      // A site-absolute href, under the site's base path.
      const relative = decodeURI(file.slice(base.length)).replace(/^\/+/, "");
      const html = read(path.join(relative, "index.html")).toString("utf8");
      return Promise.resolve(passagesFromDocument(new JSDOM(html).window.document));
    }
    const bytes = read(file);
    return Promise.resolve(
      kind === "bin"
        ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
        : JSON.parse(bytes.toString("utf8")),
    );
  };
}

module.exports = { siteLoader };
