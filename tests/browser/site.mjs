// The built site as a browser meets it: a static server on loopback,
// confined to the output folder, answering unknown paths with the site's
// own 404 page, every answer under the Content-Security-Policy that the
// README recommends (given as VANBAN_CSP); and the list of every page the
// site has.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Scripts the checks put into pages, served from the site's own origin so
 * that the site's policy, which allows no inline script, lets them in.
 */
export const TEST_SCRIPTS = { "/__test/axe.min.js": require.resolve("axe-core/axe.min.js") };

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".bin": "application/octet-stream", ".xml": "application/xml",
  ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8", ".ico": "image/x-icon",
};

/** Where the browser reports what the policy blocked. */
const REPORTS = "/__csp-report";

/**
 * Serves `root` under `policy` (none if empty); resolves to the listening
 * server, whose `violations` lists every report the browser sent.
 */
export function serve(root, policy = process.env.VANBAN_CSP || "") {
  const violations = [];
  const headers = policy ? { "content-security-policy": `${policy}; report-uri ${REPORTS}` } : {};
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    if (request.method === "POST" && url.pathname === REPORTS) {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        violations.push(body);
        response.writeHead(204).end();
      });
      return;
    }
    if (TEST_SCRIPTS[url.pathname]) {
      response.writeHead(200, { ...headers, "content-type": TYPES[".js"] });
      response.end(fs.readFileSync(TEST_SCRIPTS[url.pathname]));
      return;
    }
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(path.resolve(root))) {
      response.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      file = path.join(file, "index.html");
    }
    if (!fs.existsSync(file)) {
      response.writeHead(404, { ...headers, "content-type": TYPES[".html"] });
      response.end(fs.readFileSync(path.join(root, "404.html")));
      return;
    }
    response.writeHead(200, { ...headers, "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    response.end(fs.readFileSync(file));
  });
  server.violations = violations;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** The URL path of every page in `root` (each `index.html`), sorted. */
export function pages(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "index.html") {
        const folder = path.relative(root, dir).split(path.sep).join("/");
        found.push(folder ? "/" + folder + "/" : "/");
      }
    }
  };
  walk(root);
  return found.sort();
}

/** A small phone, as a browser context's options. */
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** A path the site has no page for: the server answers with its 404 page. */
export const NOT_FOUND = "/khong-co-trang-nay/";

/**
 * One page of each kind the theme renders, with what a reader does there
 * before looking (the search page shows results only for a query).
 */
export const PAGE_TYPES = [
  { name: "front page", url: "/" },
  { name: "directive", url: "/2021/07-kl-tw/" },
  { name: "directive implementing another", url: "/2021/4162-vpcp-tkbt/" },
  { name: "timeline", url: "/timeline/" },
  { name: "year of the timeline", url: "/timeline/2021/" },
  { name: "month of the timeline", url: "/timeline/2021/06/" },
  { name: "filtered timeline", url: "/timeline/levels/province/" },
  { name: "taxonomy index", url: "/issuers/" },
  { name: "term page", url: "/issuers/bo-chinh-tri/" },
  { name: "cited documents", url: "/references/" },
  { name: "search", url: "/search/" },
  { name: "search results", url: "/search/?q=phong+chong+dich", ready: "#ket-qua .result" },
  { name: "content page", url: "/pages/huong-dan-bien-tap/" },
  { name: "not found", url: NOT_FOUND },
];
