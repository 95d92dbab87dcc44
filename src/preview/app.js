// brief preview: shows the pages of the current build, swaps only the pages that changed,
// each once it has decoded, those in view first (every page keeps a box of its size, so
// nothing shifts and the scroll position holds), and lists the
// problems of a failed build over the last good pages. Builds are announced by the server
// as server-sent events; the browser reconnects by itself when the server restarts.
"use strict";

const pages = document.getElementById("pages");
const statusLine = document.getElementById("status");
const problems = document.getElementById("problems");
const problemList = document.getElementById("problem-list");
const download = document.getElementById("download");
let shown = "";
let fetching = null;
// Each refresh has a number; only the latest may change the page (one given up on after a
// timeout may finish later).
let latest = 0;
// Refreshes given up so far. Headless Chromium has been seen to leave a page's request
// unanswered although brief answers the same address at once: a retry asks for the page
// under a new address (`?try=N`, which brief ignores) instead of waiting on the stuck one.
let tries = 0;

function pageBox(i) {
  let box = pages.children[i];
  if (!box) {
    box = document.createElement("div");
    box.className = "page";
    pages.appendChild(box);
  }
  return box;
}

function showProblems(build) {
  problemList.replaceChildren();
  for (const p of build.problems) {
    const item = document.createElement("li");
    item.className = p.severity;
    const head = document.createElement(p.link ? "a" : "span");
    head.className = "at";
    if (p.link) head.href = p.link;
    head.textContent = (p.at ? p.at + ": " : "") + p.severity + ": " + p.message;
    item.appendChild(head);
    const text = document.createElement("pre");
    text.textContent = p.text;
    item.appendChild(text);
    problemList.appendChild(item);
  }
  problems.hidden = build.ok;
}

// Whether a page's box is at least partly in the window.
function inView(box) {
  const r = box.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight;
}

// Fetches and decodes a page's new image; null when the page did not change.
async function loadPage(p, i, box) {
  const img = new Image();
  img.src = "/page/" + p.hash + ".svg" + (tries ? "?try=" + tries : "");
  img.alt = "";
  // Loaded, then decoded before it is swapped in (so the swap does not flash). A decode
  // that never settles — headless Chromium sometimes leaves one of several SVGs decoded at
  // once hanging — is not waited for beyond a second: the loaded image is shown anyway.
  await new Promise((resolve, reject) => {
    if (img.complete && img.naturalWidth > 0) return resolve();
    img.addEventListener("load", resolve, { once: true });
    img.addEventListener("error", () => reject(new Error("page " + (i + 1) + " did not load")), { once: true });
  });
  await Promise.race([img.decode().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000))]);
  // The letters are shapes in the SVG: the page's text goes beside it for screen readers.
  const text = document.createElement("div");
  text.className = "page-text";
  text.textContent = p.text;
  return { box, nodes: [img, text], hash: p.hash, number: i + 1 };
}

function swap(r) {
  r.box.replaceChildren(...r.nodes);
  r.box.setAttribute("aria-label", "Page " + r.number);
  r.box.setAttribute("role", "region");
  r.box.dataset.hash = r.hash;
}

async function refresh(number) {
  performance.mark("brief:refresh");
  const response = await fetch("/build", { cache: "no-store" });
  const build = await response.json();
  const key = build.server + ":" + build.id;
  if (key === shown || number !== latest) return;
  performance.mark("brief:build");
  // Every page's box takes its size first, so that nothing moves as pages come in.
  const changed = [];
  build.pages.forEach((p, i) => {
    const box = pageBox(i);
    box.style.aspectRatio = p.width + " / " + p.height;
    if (box.dataset.hash !== p.hash) changed.push([p, i, box]);
  });
  // The changed pages the reader sees are fetched first and each swapped in as soon as it
  // has decoded; then the others, all at once (the browser draws SVG images one at a time:
  // pages out of view would only delay the ones in view).
  const [seen, unseen] = [changed.filter(([, , box]) => inView(box)), changed.filter(([, , box]) => !inView(box))];
  const swapIn = async (c) => {
    const r = await loadPage(...c);
    if (number === latest) swap(r);
  };
  await Promise.all(seen.map(swapIn));
  if (number !== latest) return;
  performance.mark("brief:in-view");
  document.body.dataset.inView = key;
  await Promise.all(unseen.map(swapIn));
  if (number !== latest) return;
  while (pages.children.length > build.pages.length) pages.lastChild.remove();
  showProblems(build);
  if (build.title) document.title = build.title + " — brief preview";
  document.getElementById("title").textContent = build.title || "brief preview";
  download.hidden = !build.pdf;
  if (build.pdf) download.setAttribute("download", build.pdf);
  const count = build.pages.length;
  statusLine.textContent = (build.ok ? "Up to date" : "Build failed") + " · " + count + (count === 1 ? " page" : " pages");
  document.body.dataset.state = build.ok ? "ok" : "failed";
  document.body.dataset.build = key;
  shown = key;
  performance.mark("brief:all");
}

// One refresh at a time; a build announced meanwhile is fetched after it.
function update() {
  if (fetching) {
    fetching.again = true;
    return;
  }
  fetching = { again: false };
  const number = ++latest;
  // A refresh that hangs (a page image that never decodes) is given up after 10 s.
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), 10_000));
  Promise.race([refresh(number), timeout])
    .catch((e) => {
      tries++;
      // A page of a build already replaced: try again shortly. When brief itself is gone,
      // the event stream's reconnection brings the next try.
      statusLine.textContent = "Cannot reach brief (" + e.message + ")";
      if (events.readyState === EventSource.OPEN) setTimeout(update, 300);
    })
    .finally(() => {
      const again = fetching.again;
      fetching = null;
      if (again) update();
    });
}

// The first build is shown whether or not the event stream is up yet.
update();
const events = new EventSource("/events");
events.addEventListener("build", update);
events.addEventListener("open", update);
events.addEventListener("error", () => { statusLine.textContent = "Reconnecting to brief…"; });
