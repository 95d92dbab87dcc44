// Drives `brief preview` in the system's Chromium, as an analyst uses it: load the page,
// count the pages, scroll, save an event as an editor does (a temporary file renamed over the
// old one), wait for the new build, check the new text and the scroll position; break the
// YAML and see the problem listed over the dimmed pages; fix it and see the list go.
//
// node preview.mjs BRIEF PROJECT_DIR [CHROMIUM]   (run by tests/suite/preview.rs)
// Starts `BRIEF preview` in PROJECT_DIR itself (and again on the same port, to see the page
// reconnect). Prints one line of JSON with what it measured; exits non-zero on the first
// failure.
//
// node preview.mjs BRIEF PROJECT_DIR CHROMIUM --bench N EVENT_FILE   (run by `cargo bench`)
// Saves EVENT_FILE N times (its first title, different each time) and prints the median and
// 95th percentile of save → new pages on screen (put in place, then two frames): the changed
// pages in view, and all changed pages; and the medians of the steps between.

import { chromium } from "playwright-core";
import { readFileSync, writeFileSync, renameSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const [brief, project, executable = "/usr/bin/chromium", mode, count, eventFile] = process.argv.slice(2);

// `brief preview --json` in the project (on `port` when given): the process and its address.
function startPreview(port) {
  const args = ["preview", "--json", "-t", "process-history", "--date", "2026-11-24"];
  if (port) args.push("--port", String(port));
  const child = spawn(brief, args, { cwd: project, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) => resolve({ child, url: JSON.parse(line).url }));
    child.once("exit", (code) => reject(new Error(`brief preview exited (${code})`)));
  });
}

function stopPreview(child) {
  return new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

let server = await startPreview();
const url = server.url;
process.on("exit", () => server.child.kill("SIGKILL"));
const watchdog = setTimeout(() => {
  console.error("the browser run took longer than allowed");
  process.exit(3);
}, mode === "--bench" ? 600_000 : 90_000);

// An editor's save: write beside, then rename over.
function save(path, text) {
  const temporary = join(project, "data", "events", ".edit.tmp");
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

// Waits for the page to show a good build; on a timeout, says what the page shows instead.
async function upToDate(page) {
  try {
    await page.waitForSelector('body[data-state="ok"]', { timeout: 30_000 });
  } catch (e) {
    const shown = await page.evaluate(() => [document.body.dataset.state, document.body.dataset.build, document.getElementById("status").textContent]);
    // Whether brief still answers, asked from outside the browser.
    const stuck = [...(page.pending || [])];
    const direct = await Promise.all(stuck.filter((u) => !u.endsWith("/events")).map((u) =>
      fetch(u, { signal: AbortSignal.timeout(3000) }).then((r) => `${u}: ${r.status}`, (e) => `${u}: ${e.message}`)));
    throw new Error(`the page did not come up to date: ${JSON.stringify(shown)}; requests unanswered: ${JSON.stringify(stuck)}; asked again outside the browser: ${JSON.stringify(direct)}`);
  }
}

function check(condition, what) {
  if (!condition) throw new Error(what);
}

const browser = await chromium.launch({
  executablePath: executable,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  if (mode === "--bench") {
    await bench(Number(count), eventFile);
  } else {
    await test();
  }
} finally {
  await browser.close();
  await stopPreview(server.child);
  clearTimeout(watchdog);
}

// Keeps the requests of `page` still waiting for an answer, for a failure to name them.
function trackRequests(page) {
  page.pending = new Set();
  page.on("request", (r) => page.pending.add(r.url()));
  page.on("requestfinished", (r) => page.pending.delete(r.url()));
  page.on("requestfailed", (r) => page.pending.delete(r.url()));
  return page;
}

async function bench(n, file) {
  const page = trackRequests(await browser.newPage({ viewport: { width: 1000, height: 700 } }));
  await page.goto(url);
  await upToDate(page);
  const original = readFileSync(file, "utf8");
  // From the save: the changed pages in view on screen, all changed pages on screen, and
  // (from the page's marks) when the page heard of the build, had its list, had the pages
  // in view swapped in and all of them.
  const times = { inView: [], all: [], heard: [], listed: [], swappedInView: [], swappedAll: [] };
  const hashes = () => page.evaluate(() => [...document.querySelectorAll(".page")].map((b) => b.dataset.hash));
  const title = (i) => original.replace("title: ", "title: Revision " + i + " of the ");
  try {
    // The reader looks at what they edit: two saves first, to find the page a new title
    // changes (the first also changes what "Revision" changes).
    let before;
    let first;
    for (const warmUp of [-1, 0]) {
      first = await hashes();
      before = await page.evaluate(() => document.body.dataset.build);
      save(file, title(warmUp));
      await page.waitForFunction((b) => document.body.dataset.build !== b && document.body.dataset.state === "ok", before, { timeout: 30_000 });
    }
    const changed = (await hashes()).findIndex((h, i) => h !== first[i]);
    await page.evaluate((i) => document.querySelectorAll(".page")[Math.max(i, 0)].scrollIntoView(), changed);
    for (let i = 0; i < n; i++) {
      before = await page.evaluate(() => document.body.dataset.build);
      await page.evaluate(() => performance.clearMarks());
      // Watched in the page, frame by frame, from before the save: the first frame after the
      // changed pages in view (and all changed pages) were put in place draws them; when the
      // frame after it begins, they are on screen (the usual two animation frames from the
      // change). Both in one watch, so that neither waits on the other's frames.
      const onScreen = page.evaluate((b) => new Promise((resolve, reject) => {
        const seen = {};
        const at = {};
        const tick = () => {
          const d = document.body.dataset;
          const now = performance.timeOrigin + performance.now();
          for (const [name, done] of [["inView", d.inView !== b], ["all", d.build !== b && d.state === "ok"]]) {
            if (seen[name] === undefined) {
              if (done) seen[name] = 0;
            } else if (at[name] === undefined && ++seen[name] === 1) {
              at[name] = now;
            }
          }
          if (at.inView !== undefined && at.all !== undefined) resolve(at);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        setTimeout(() => reject(new Error("no new build on screen within 30 s")), 30_000);
      }), before);
      const saved = performance.timeOrigin + performance.now();
      // A new title each time, as an analyst's edits are: nothing the browser or Typst has
      // seen before.
      save(file, title(i + 1));
      const at = await onScreen;
      times.inView.push(at.inView - saved);
      times.all.push(at.all - saved);
      const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType("mark").map((e) => [e.name, e.startTime + performance.timeOrigin])));
      const since = (name) => marks[name] - saved;
      times.heard.push(since("brief:refresh"));
      times.listed.push(since("brief:build"));
      times.swappedInView.push(since("brief:in-view"));
      times.swappedAll.push(since("brief:all"));
    }
  } finally {
    save(file, original);
  }
  const at = (list, q) => {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  };
  const summary = (list) => ({ median: at(list, 0.5), p95: at(list, 0.95), fastest: at(list, 0), slowest: at(list, 1) });
  const medians = Object.fromEntries(["heard", "listed", "swappedInView", "swappedAll"].map((k) => [k, at(times[k], 0.5)]));
  console.log(JSON.stringify({ saves: n, inView: summary(times.inView), all: summary(times.all), medians }));
}

async function test() {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url);
  await upToDate(page);
  const build = await (await fetch(new URL("/build", url))).json();
  const boxes = await page.locator(".page").count();
  const drawn = () => page.evaluate(() => [...document.querySelectorAll(".page")].filter((b) => b.shadowRoot && b.shadowRoot.querySelector("svg > path")).length);
  const drawings = await drawn();
  check(boxes === build.pages.length && drawings === boxes, `pages: ${boxes} boxes, ${drawings} drawn, ${build.pages.length} in the build`);
  check(boxes >= 2, `only ${boxes} page(s)`);
  // Each page's drawing fills its box.
  const sizes = await page.evaluate(() => [...document.querySelectorAll(".page")].map((b) => {
    const box = b.getBoundingClientRect();
    const svg = b.shadowRoot.querySelector("svg").getBoundingClientRect();
    return [box.width, box.height, svg.width, svg.height];
  }));
  check(sizes.every(([w, h, sw, sh]) => Math.abs(w - sw) < 1 && Math.abs(h - sh) < 1 && h > w), `drawings do not fill their pages: ${JSON.stringify(sizes)}`);
  const patches = [];
  page.on("request", (r) => { if (r.url().includes("/patch/")) patches.push(r.url()); });
  check(await page.locator("#problems").isHidden(), "problems shown for a good build");
  check(await page.locator("#download").isVisible(), "no download link");

  // Scroll into the document, then save an event as an editor does.
  await page.evaluate(() => window.scrollTo(0, 900));
  await page.waitForFunction(() => window.scrollY >= 890);
  const scrolled = await page.evaluate(() => window.scrollY);
  const before = await page.evaluate(() => document.body.dataset.build);
  const file = join(project, "data", "events", "2024-reykjavik.yaml");
  const original = readFileSync(file, "utf8");
  check(original.includes("qualifier: more than"), "the starter event changed: update the browser test");
  const saved = Date.now();
  // A longer title too: the lines after it move down, and the page is patched with moves.
  check(original.includes("title: Second Ministerial Meeting of the Harbour Safety Dialogue\n"), "the starter event's title changed: update the browser test");
  save(file, original.replace("qualifier: more than", "qualifier: at least").replace("Harbour Safety Dialogue\n", "Harbour Safety Dialogue on Port State Control, Search and Rescue at Sea and the Safety of Fishing Vessels in the North Atlantic\n"));
  await page.waitForFunction((b) => document.body.dataset.build !== b && document.body.dataset.state === "ok", before, { timeout: 30_000 });
  const updateMs = Date.now() - saved;
  const text = await page.evaluate(() => [...document.querySelectorAll(".page-text")].map((t) => t.textContent).join("\n"));
  check(text.includes("at least 150"), "the new text is not on the page");
  check(!text.includes("more than 150"), "the old text is still on the page");
  // The changed page was patched, and now shows exactly what the page drawn afresh shows.
  check(patches.length > 0, "no page was patched");
  const mismatched = await page.evaluate(async () => {
    const serialize = (svg) => [...svg.children].map((e) => new XMLSerializer().serializeToString(e)).join("");
    const differing = [];
    for (const box of document.querySelectorAll(".page")) {
      const fresh = await (await fetch("/page/" + box.dataset.hash + ".svg")).text();
      const drawn = new DOMParser().parseFromString(fresh, "image/svg+xml").documentElement;
      if (serialize(drawn) !== serialize(box.shadowRoot.querySelector("svg"))) differing.push(box.getAttribute("aria-label"));
    }
    return differing;
  });
  check(mismatched.length === 0, `patched pages differ from their drawing: ${mismatched.join(", ")}`);
  const after = await page.evaluate(() => window.scrollY);
  check(Math.abs(after - scrolled) <= 1, `the scroll position moved from ${scrolled} to ${after}`);

  // A broken save: the problem over the last good pages, dimmed.
  const bad = join(project, "data", "events", "bad.yaml");
  save(bad, "- id: [broken\n");
  await page.waitForSelector('body[data-state="failed"]', { timeout: 30_000 });
  const listed = await page.locator("#problems").innerText();
  check(await page.locator("#problems").isVisible(), "no problem list for a failed build");
  check(/bad\.yaml:1:7/.test(listed), `the problem list does not name the file and line: ${listed}`);
  check(await drawn() === boxes, "the last good pages went away");
  const opacity = await page.evaluate(() => getComputedStyle(document.querySelector(".page")).opacity);
  check(Number(opacity) < 1, "the last good pages are not dimmed");

  // The fix clears it.
  unlinkSync(bad);
  await page.waitForSelector('body[data-state="ok"]', { timeout: 30_000 });
  check(await page.locator("#problems").isHidden(), "the problem list stayed after the fix");
  check(errors.length === 0, `errors in the page: ${errors.join("; ")}`);

  // brief stopped and started again on the same port: the page reconnects by itself and
  // shows the next save.
  const port = new URL(url).port;
  await stopPreview(server.child);
  await page.waitForFunction(() => /Reconnecting/.test(document.getElementById("status").textContent), null, { timeout: 30_000 });
  server = await startPreview(port);
  const current = readFileSync(file, "utf8");
  save(file, current.replace("qualifier: at least", "qualifier: more than"));
  await page.waitForFunction(() => [...document.querySelectorAll(".page-text")].some((t) => t.textContent.includes("more than 150")), null, { timeout: 30_000 });
  check(await page.evaluate(() => document.body.dataset.state) === "ok", "not up to date after reconnecting");
  console.log(JSON.stringify({ pages: boxes, scrolled, updateMs }));
}
