// brief preview: shows the pages of the current build, changes only the pages that changed,
// and of those only the elements that changed, those in view first (every page keeps a box
// of its size, so nothing shifts and the scroll position holds), and lists the
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

const SVG = "http://www.w3.org/2000/svg";
const parser = new DOMParser();

// `text` read as an SVG document: its root element.
function readSvg(text, what) {
  const root = parser.parseFromString(text, "image/svg+xml").documentElement;
  if (root.namespaceURI !== SVG || root.getElementsByTagName("parsererror").length) {
    throw new Error(what + " could not be read");
  }
  return root;
}

// A page's drawing goes in its box's shadow root (an id in one page cannot clash with one in
// another), the page's text beside it (slotted) for screen readers: the letters are shapes.
function drawingOf(box) {
  return box.shadowRoot && box.shadowRoot.querySelector("svg");
}

// The children of `parent` as the patch gives them: old ones kept (moved, given a new
// transform, patched inside) or new ones from `fresh`.
function applyKids(parent, kids, fresh) {
  const old = [...parent.children];
  const want = kids.map((k) => {
    if (typeof k === "number") return old[k];
    if ("n" in k) return fresh[k.n];
    const node = old[k.i];
    if ("t" in k) {
      if (k.t === null) node.removeAttribute("transform");
      else node.setAttribute("transform", k.t);
    }
    if (k.k) applyKids(node, k.k, fresh);
    return node;
  });
  let at = parent.firstElementChild;
  for (const node of want) {
    if (node === at) at = at.nextElementSibling;
    else parent.insertBefore(node, at);
  }
  while (at) {
    const next = at.nextElementSibling;
    at.remove();
    at = next;
  }
}

// Fetches a page's new drawing: what changed since the drawing shown (a few elements, for
// an edit), or the whole page when the box shows none or the page changed as a whole.
// Returns how to put it in place, at once.
async function loadPage(p, i, box) {
  const retry = tries ? "?try=" + tries : "";
  const from = box.dataset.hash;
  const shown = drawingOf(box);
  let put = null;
  if (from && shown) {
    const response = await fetch("/patch/" + from + "/" + p.hash + ".json" + retry);
    if (response.ok) {
      const patch = await response.json();
      const made = readSvg(patch.root + patch.fresh.join("") + "</svg>", "page " + (i + 1));
      const fresh = [...made.children];
      if (fresh.length !== patch.fresh.length) throw new Error("page " + (i + 1) + " could not be read");
      put = () => applyKids(shown, patch.kids, fresh);
    } else if (response.status !== 409 && response.status !== 404) {
      throw new Error("page " + (i + 1) + " did not load");
    }
  }
  if (!put) {
    const response = await fetch("/page/" + p.hash + ".svg" + retry);
    if (!response.ok) throw new Error("page " + (i + 1) + " did not load");
    const drawing = readSvg(await response.text(), "page " + (i + 1));
    drawing.setAttribute("width", "100%");
    drawing.setAttribute("height", "100%");
    drawing.style.display = "block";
    put = () => {
      const root = box.shadowRoot || box.attachShadow({ mode: "open" });
      root.replaceChildren(drawing, document.createElement("slot"));
    };
  }
  const text = document.createElement("div");
  text.className = "page-text";
  text.textContent = p.text;
  return { box, put, from, text, hash: p.hash, number: i + 1 };
}

function swap(r) {
  // Patched only from the drawing it was worked out against.
  if (r.box.dataset.hash !== r.from) throw new Error("page " + r.number + " changed meanwhile");
  r.put();
  r.box.replaceChildren(r.text);
  r.box.setAttribute("aria-label", "Page " + r.number);
  r.box.setAttribute("role", "region");
  r.box.dataset.hash = r.hash;
}

// Shows `announced` (a build as its event carries it) or, without one, the build the server
// has now.
async function refresh(number, announced) {
  performance.mark("brief:refresh");
  const build = announced || (await (await fetch("/build", { cache: "no-store" })).json());
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
  // The changed pages the reader sees are fetched first and each put in place as soon as it
  // is read; then the others, all at once (pages out of view would only delay the ones in
  // view).
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

// One refresh at a time; the last build announced meanwhile is shown after it.
function update(announced) {
  if (fetching) {
    fetching.again = true;
    fetching.next = announced;
    return;
  }
  fetching = { again: false, next: null };
  const number = ++latest;
  // A refresh that hangs (a request never answered) is given up after 10 s.
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), 10_000));
  Promise.race([refresh(number, announced), timeout])
    .catch((e) => {
      tries++;
      // A page of a build already replaced: try again shortly. When brief itself is gone,
      // the event stream's reconnection brings the next try.
      statusLine.textContent = "Cannot reach brief (" + e.message + ")";
      if (events.readyState === EventSource.OPEN) setTimeout(update, 300);
    })
    .finally(() => {
      const { again, next } = fetching;
      fetching = null;
      if (again) update(next);
    });
}

// The first build is shown whether or not the event stream is up yet.
update();
const events = new EventSource("/events");
// Each build's event carries the build (as `/build` gives it): no request before the pages'.
events.addEventListener("build", (e) => update(JSON.parse(e.data)));
events.addEventListener("open", () => update());
events.addEventListener("error", () => { statusLine.textContent = "Reconnecting to brief…"; });
