// Drives a built briefing site in headless Chromium, as a reader would: search, chronology
// filters, keyboard focus, tooltips, the print page, accessibility (axe-core), screenshots
// and page weight. Run by tests/browser.rs:
//
//   node tests/browser/run.mjs <base-url> <screenshot-dir> <site-dir> <serve-url> <note-file> <split-url>
//
// <base-url> serves a site built from the shipped pack (e.g. http://127.0.0.1:PORT/);
// <site-dir> is the same site on disk, opened from file:// as well. <serve-url> is
// `briefing serve` running on another pack, and <note-file> the Markdown of its note
// talks-resume, which a check breaks and mends as an analyst editing it would. <split-url>
// serves a small pack whose chronology is split into pages by period (page_size: 2).
// Exits 0 when every check passes, 1 otherwise; prints one line per check and the
// details of each failure. What is tested is what the README promises a reader.

import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { mkdirSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { AsyncLocalStorage } from "node:async_hooks";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

const [baseArg, shotDir, siteDir, serveUrl, liveNote, splitUrl] = process.argv.slice(2);
if (!baseArg || !shotDir || !siteDir || !serveUrl || !liveNote || !splitUrl) {
  console.error("usage: node run.mjs <base-url> <screenshot-dir> <site-dir> <serve-url> <note-file> <split-url>");
  process.exit(2);
}
// a page of the site on disk, as file:///.../site/notes/x/index.html
const fileUrl = (p) => pathToFileURL(join(resolve(siteDir), p.replace(/^\//, ""), p.endsWith("/") ? "index.html" : "")).href;
const BASE = baseArg.endsWith("/") ? baseArg : baseArg + "/";
const url = (p) => new URL(p.replace(/^\//, ""), BASE).href;
const path = (u) => new URL(u, BASE).pathname;
mkdirSync(shotDir, { recursive: true });

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  process.exit(1);
}

const NOTE = "/notes/turkish-boots-ceasefire/";
const ACTOR = "/actors/turkey/";
const PAGES = [
  ["home", "/"],
  ["note", NOTE],
  ["actor", ACTOR],
  ["chronology", "/chronology/"],
  ["print", "/print/"],
];
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };
const WEIGHT_LIMIT = 100 * 1024;

// ---------------------------------------------------------------- harness

class Fail extends Error {}
// check(): an assertion that records its failure and lets the check go on, so that one run
// reports every problem; need(): a precondition, which stops the check when false.
// the failures and pages of the check running in this async context
const current = new AsyncLocalStorage();
function check(cond, msg) {
  if (!cond) current.getStore().failures.push(msg);
  return !!cond;
}
function need(cond, msg) {
  if (!cond) throw new Fail(msg);
}
const results = [];
const notes = []; // observations that are not failures, printed at the end

// Every page opened through open() records uncaught exceptions, console errors and failed
// requests; a check fails when any of its pages had one.
const pageProblems = new WeakMap();
async function open(context, p, opts = {}) {
  const page = await context.newPage();
  const problems = [];
  pageProblems.set(page, problems);
  current.getStore()?.pages.push(page);
  page.on("pageerror", (e) => problems.push(`uncaught exception: ${e.message}`));
  // (the site has no favicon; Chromium asks for /favicon.ico on its own: not counted)
  page.on("console", (m) => {
    if (m.type() === "error" && !/\/favicon\.ico$/.test(m.location()?.url || "")) problems.push(`console error: ${m.text()} (${m.location()?.url || "?"})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) problems.push(`HTTP ${r.status()} for ${path(r.url())}`);
  });
  page.on("requestfailed", (r) => {
    // a navigation away from a page aborts its pending requests: not a problem
    if (!/ERR_ABORTED/.test(r.failure()?.errorText || "")) problems.push(`request failed: ${path(r.url())} ${r.failure()?.errorText}`);
  });
  if (p != null) await page.goto(url(p), { waitUntil: opts.waitUntil || "load" });
  return page;
}

let browser;
async function run(name, fn) {
  const t0 = Date.now();
  const context = await browser.newContext(DESKTOP);
  context.setDefaultTimeout(5000);
  const pages = [];
  const failures = [];
  await current.run({ failures, pages }, async () => {
    try {
      await fn({ context, open: (p, o) => open(context, p, o) });
    } catch (e) {
      failures.push(e instanceof Fail ? e.message : e.stack || String(e));
    } finally {
      await context.close().catch(() => {});
    }
  });
  const problems = pages.flatMap((pg) => pageProblems.get(pg) || []);
  if (problems.length) failures.push(`errors on the page:\n  ${[...new Set(problems)].join("\n  ")}`);
  const ms = Date.now() - t0;
  if (failures.length === 0) {
    console.log(`ok   ${name} (${ms} ms)`);
    return { name, ok: true, ms };
  }
  const msg = failures.map((f) => "- " + f.replace(/\n/g, "\n    ")).join("\n  ");
  console.log(`FAIL ${name} (${ms} ms)\n  ${msg}`);
  return { name, ok: false, ms, msg };
}

// ---------------------------------------------------------------- helpers

const visibleRows = (page) =>
  page.$$eval("#main .event-row", (rows) =>
    rows
      .filter((r) => r.checkVisibility())
      .map((r) => ({ start: r.dataset.start, end: r.dataset.end, actors: r.dataset.actors, tags: r.dataset.tags }))
  );
const allRows = (page) =>
  page.$$eval("#main .event-row", (rows) =>
    rows.map((r) => ({ start: r.dataset.start, end: r.dataset.end, actors: r.dataset.actors, tags: r.dataset.tags, visible: r.checkVisibility() }))
  );
const countText = (page) => page.textContent("#filter-count").then((t) => (t || "").trim());
const words = (s) => (s || "").split(/\s+/).filter(Boolean);

// Month and year sections whose visibility disagrees with their rows.
const sectionMismatches = (page) =>
  page.$$eval("#main section.month, #main section.year", (secs) =>
    secs
      .filter((s) => {
        const any = [...s.querySelectorAll(".event-row")].some((r) => !r.hidden && !r.closest("[hidden]"));
        return any !== s.checkVisibility();
      })
      .map((s) => `${s.className}#${s.id} visible=${s.checkVisibility()}`)
  );

// Types `query` into the header search box as a reader would and returns the result links
// once the list has settled (it is rendered after a short debounce and a fetch).
async function searchFor(page, query) {
  const input = page.locator("#search-input");
  const box = page.locator("#search-results");
  await input.click();
  if ((await input.inputValue()) !== "") {
    await input.fill("");
    await box.waitFor({ state: "hidden", timeout: 3000 }).catch(() => {});
  }
  await input.pressSequentially(query, { delay: 15 });
  await box.waitFor({ state: "visible" });
  // settled: the same content for 250 ms
  let last = null;
  for (let t = 0, same = 0; t < 60 && same < 5; t++) {
    const html = await box.innerHTML();
    same = html === last ? same + 1 : 0;
    last = html;
    await page.waitForTimeout(50);
  }
  return box.locator("a[href]").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href"), abs: a.href, text: a.textContent.replace(/\s+/g, " ").trim() })));
}

// The focused element, described, with whether a focus indicator is drawn.
const describeFocus = (page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const cs = getComputedStyle(e);
    const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0 && cs.outlineColor !== "rgba(0, 0, 0, 0)";
    const shadow = cs.boxShadow && cs.boxShadow !== "none";
    const r = e.getBoundingClientRect();
    const label =
      e.id ? `#${e.id}` : `${e.tagName.toLowerCase()}${e.getAttribute("href") ? `[href="${e.getAttribute("href")}"]` : ""}`;
    const inNav = !!e.closest("header nav");
    return {
      label,
      tag: e.tagName.toLowerCase(),
      id: e.id,
      href: e.getAttribute("href"),
      inNav,
      skip: e.classList.contains("skip"),
      indicator: outline || shadow,
      style: `outline: ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow: ${cs.boxShadow}`,
      onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    };
  });

// ---------------------------------------------------------------- checks

const checks = [];
const test = (name, fn) => checks.push([name, fn]);

// the slowest checks first, so that the two lanes end at about the same time
test("accessibility: axe-core finds no serious or critical violation", async ({ open }) => {
  const report = [];
  // the shipped pack's pages, and the split chronology's and the numbered lists' of the small pack
  const SPLIT = ["chronology/", "chronology/2025/", "page/2/", "sources/page/2/", "actors/elphberg/mentions/2/"];
  const targets = [...PAGES.map(([, p]) => [p, url(p)]), ...SPLIT.map((p) => [`split: ${p}`, new URL(p, splitUrl).href])];
  for (const [p, href] of targets) {
    const page = await open(null);
    await page.goto(href);
    await page.addScriptTag({ path: AXE });
    const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    for (const v of res.violations) {
      const eg = v.nodes
        .slice(0, 2)
        .map((n) => `${n.target.join(" ")}${n.failureSummary ? ` (${n.failureSummary.replace(/^Fix \w+ of the following:\s*/, "").replace(/\s+/g, " ").slice(0, 150)})` : ""}`)
        .join(" | ");
      const line = `${p}: [${v.impact}] ${v.id}: ${v.help} — ${v.nodes.length} node(s), e.g. ${eg}`;
      if (v.impact === "serious" || v.impact === "critical") report.push(line);
      else notes.push(`axe ${line}`);
    }
    await page.close();
  }
  check(report.length === 0, `${report.length} serious/critical violation(s):\n  ${report.join("\n  ")}`);
});

// Full-page screenshots, cut at MAX_SHOT px (the print page is 170 000 px tall on a phone).
const MAX_SHOT = 8000;
test("screenshots at phone and desktop widths; nothing overflows horizontally", async () => {
  const overflow = [];
  for (const [label, opts] of [["phone", PHONE], ["desktop", DESKTOP]]) {
    const ctx = await browser.newContext(opts);
    for (const [name, p] of PAGES) {
      const page = await open(ctx, p);
      await page.evaluate(() => document.fonts.ready);
      const o = await page.evaluate(() => {
        const vw = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll("body *")]
          .filter((e) => {
            const r = e.getBoundingClientRect();
            if (!r.width || r.right <= vw + 1 || !e.checkVisibility()) return false;
            // inside a scroll container: fine
            for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
              const ox = getComputedStyle(p).overflowX;
              if (ox === "auto" || ox === "scroll" || ox === "hidden" || ox === "clip") return false;
            }
            return true;
          })
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : ""} (right edge ${Math.round(e.getBoundingClientRect().right)})`);
        return { scroll: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight, vw, wide };
      });
      const file = join(shotDir, `${name}-${label}.png`);
      await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: o.vw, height: Math.min(o.height, MAX_SHOT) } });
      if (o.scroll > o.vw + 1 || o.wide.length) overflow.push(`${p} (${label}): page ${o.scroll}px wide in a ${o.vw}px viewport; ${o.wide.join(", ")}`);
      await page.close();
    }
    await ctx.close();
  }
  notes.push(`screenshots: ${PAGES.length * 2} PNGs (the top ${MAX_SHOT} px of each page) in ${shotDir}`);
  check(overflow.length === 0, `horizontal overflow:\n  ${overflow.join("\n  ")}`);
});

test("the pages load the reader script and style", async ({ open }) => {
  for (const [, p] of PAGES) {
    const page = await open(p);
    // Links are relative to the page; resolved, they name the site's root and its files.
    const info = await page.evaluate(() => ({
      base: new URL(document.documentElement.dataset.base, location.href).pathname,
      css: [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => new URL(l.href).pathname),
      js: [...document.querySelectorAll("script[src]")].map((s) => ({ src: new URL(s.src).pathname, defer: s.defer })),
    }));
    check(info.base === "/", `${p}: <html data-base> resolves to ${JSON.stringify(info.base)}, expected "/"`);
    check(info.css.includes("/static/style.css"), `${p}: no <link rel=stylesheet href="/static/style.css"> (has ${JSON.stringify(info.css)})`);
    check(
      info.js.some((s) => s.src === "/static/briefing.js" && s.defer),
      `${p}: no <script src="/static/briefing.js" defer> (has ${JSON.stringify(info.js)})`
    );
  }
});

test("search finds a note by a word and following the result opens it", async ({ open }) => {
  const page = await open("/");
  for (const [q, must] of [
    ["Grushko", null],
    ["Alaska", null],
    ["Turkish boots", NOTE],
  ]) {
    const links = await searchFor(page, q);
    check(links.length > 0, `search "${q}": no result links in #search-results`);
    const notes = links.filter((l) => path(l.abs).startsWith("/notes/"));
    check(notes.length > 0, `search "${q}": no result links to a note; results: ${JSON.stringify(links.map((l) => l.href))}`);
    if (must) check(notes.some((l) => path(l.abs) === must), `search "${q}": no result links to ${must}; results: ${JSON.stringify(links.map((l) => l.href))}`);
  }
  // A reader clicks the first note result for "Alaska" and lands on that note.
  const links = await searchFor(page, "Alaska");
  const target = links.find((l) => path(l.abs).startsWith("/notes/"));
  need(target, `search "Alaska": no note among the results`);
  await Promise.all([page.waitForURL((u) => u.pathname === path(target.abs)), page.locator(`#search-results a[href="${target.href}"]`).first().click()]);
  check(path(page.url()) === path(target.abs), `clicking the result for ${target.href} went to ${page.url()}`);
  const h1 = (await page.textContent("h1")) || "";
  check(h1.trim().length > 0, `the note page reached from search has no <h1>`);
  check(await page.locator("article.note").count() === 1, `the page reached from search (${page.url()}) is not a note page`);
});

test("search ranks the actor whose name matches first, folds diacritics, and says when nothing matches", async ({ open }) => {
  const page = await open("/chronology/");
  let links = await searchFor(page, "Grushko");
  need(links.length > 0, `search "Grushko" on /chronology/: no results`);
  check(path(links[0].abs) === "/actors/grushko/", `search "Grushko": first result is ${links[0].href}, expected /actors/grushko/ (actor titles first)`);
  // Erdoğan: typed with and without the ğ, the actor page is found
  for (const q of ["erdogan", "Erdoğan", "ERDO"]) {
    links = await searchFor(page, q);
    check(links.some((l) => path(l.abs) === "/actors/erdogan/"), `search "${q}": /actors/erdogan/ not among results ${JSON.stringify(links.map((l) => l.href))}`);
  }
  // every query word must match (prefix), so two words narrow the results
  const one = await searchFor(page, "Russia");
  const two = await searchFor(page, "Russia Grushko");
  check(two.length > 0 && two.length <= one.length, `search "Russia Grushko" (${two.length} results) should narrow "Russia" (${one.length})`);
  links = await searchFor(page, "qqxqzzv");
  check(links.length === 0, `search "qqxqzzv" shows result links: ${JSON.stringify(links.map((l) => l.href))}`);
  // Escape closes the results; clearing the input hides them
  await page.locator("#search-input").fill("Alaska");
  await page.locator("#search-results").waitFor({ state: "visible" });
  await page.keyboard.press("Escape");
  await page.locator("#search-results").waitFor({ state: "hidden" });
  // Escape right after typing also drops the search still to come, which would open them again
  await page.locator("#search-input").fill("Alaska");
  await page.locator("#search-results .search-result").first().waitFor();
  await page.keyboard.type("n");
  await page.keyboard.press("Escape");
  await page.waitForTimeout(400);
  check(await page.locator("#search-results").isHidden(), `search results opened again after Escape was pressed while typing`);
});

test("the open search results fit in the window at phone and desktop widths", async () => {
  for (const [label, opts] of [["phone", PHONE], ["desktop", DESKTOP], ["tablet", { viewport: { width: 800, height: 1000 } }]]) {
    const ctx = await browser.newContext(opts);
    try {
      const page = await open(ctx, "/");
      await searchFor(page, "Alaska");
      const box = await page.locator("#search-results").boundingBox();
      const vw = opts.viewport.width;
      check(box.x >= 0 && box.x + box.width <= vw + 1, `${label}: #search-results spans x ${Math.round(box.x)}..${Math.round(box.x + box.width)} in a ${vw}px window`);
      check(box.height > 40, `${label}: #search-results is only ${box.height}px tall`);
    } finally {
      await ctx.close();
    }
  }
});

test("search works from the keyboard alone (Down arrow, Enter)", async ({ open }) => {
  const page = await open("/");
  const links = await searchFor(page, "Alaska");
  await page.keyboard.press("ArrowDown");
  // the chosen result: the one aria-activedescendant names, or the focused one
  const href = await page.evaluate(() => {
    const id = document.getElementById("search-input").getAttribute("aria-activedescendant");
    let opt = id && document.getElementById(id);
    if (!opt && document.activeElement && document.activeElement.closest("#search-results")) opt = document.activeElement;
    const a = opt && (opt.matches("a") ? opt : opt.querySelector("a"));
    return a ? a.href : null;
  });
  need(links.length > 0, `search "Alaska": no results`);
  need(href, `after ArrowDown, no result is chosen (neither named by aria-activedescendant on #search-input nor focused)`);
  check(href === links[0].abs, `ArrowDown selected ${href}, expected the first result ${links[0].abs}`);
  await Promise.all([page.waitForURL((u) => u.href === href), page.keyboard.press("Enter")]);
});

test("chronology: the actor filter shows only that actor's events and updates the count", async ({ open }) => {
  const page = await open("/chronology/");
  await page.locator("#chronology-filters").waitFor({ state: "visible" });
  const all = await allRows(page);
  need(all.length === 105, `the chronology has ${all.length} .event-row, expected 105`);
  check(all.every((r) => r.visible), `${all.filter((r) => !r.visible).length} rows hidden before any filter`);
  const expected = all.filter((r) => words(r.actors).includes("grushko")).length;
  need(expected > 0, "no event row has grushko in data-actors");

  await page.selectOption("#filter-actor", { label: "Alexander Grushko" });
  await page.waitForFunction((n) => [...document.querySelectorAll("#main .event-row")].filter((r) => r.checkVisibility()).length === n, expected, { timeout: 3000 }).catch(() => {});
  const rows = await allRows(page);
  const wrongShown = rows.filter((r) => r.visible && !words(r.actors).includes("grushko"));
  const wrongHidden = rows.filter((r) => !r.visible && words(r.actors).includes("grushko"));
  check(wrongShown.length === 0, `${wrongShown.length} rows without grushko are visible: ${JSON.stringify(wrongShown.slice(0, 3))}`);
  check(wrongHidden.length === 0, `${wrongHidden.length} rows with grushko are hidden`);
  const text = await countText(page);
  check(text.includes(String(expected)), `#filter-count says "${text}" with ${expected} events shown`);
  const bad = await sectionMismatches(page);
  check(bad.length === 0, `sections whose visibility disagrees with their rows: ${bad.slice(0, 5).join(", ")}`);
  const visibleMonths = await page.$$eval("#main section.month", (s) => s.filter((x) => x.checkVisibility()).length);
  check(visibleMonths > 0 && visibleMonths < (await page.$$eval("#main section.month", (s) => s.length)), `${visibleMonths} month sections visible: empty months are not hidden`);

  await page.click("#filter-reset");
  const after = await visibleRows(page);
  check(after.length === 105, `after Reset, ${after.length} rows are visible, expected 105`);
  const text2 = await countText(page);
  check(text2.includes("105"), `after Reset #filter-count says "${text2}"`);
  check((await page.inputValue("#filter-actor")) === "", "Reset does not clear the actor select");
  check((await sectionMismatches(page)).length === 0, "after Reset some sections stay hidden");
});

test("chronology: the tag filter and a date range filter by data-tags, data-start and data-end", async ({ open }) => {
  const page = await open("/chronology/");
  await page.locator("#chronology-filters").waitFor({ state: "visible" });
  const all = await allRows(page);

  // tag: pick the tag on the fewest rows so that it filters something
  const options = await page.$$eval("#filter-tag option", (os) => os.map((o) => o.value).filter(Boolean));
  need(options.length > 0, "#filter-tag has no tag options");
  const counts = options.map((t) => [t, all.filter((r) => words(r.tags).includes(t)).length]).sort((a, b) => a[1] - b[1]);
  const emptyTags = counts.filter(([, n]) => n === 0).map(([t]) => t);
  check(emptyTags.length === 0, `#filter-tag offers tags no event has: ${emptyTags.join(", ")}`);
  const [tag, n] = counts[0];
  await page.selectOption("#filter-tag", tag);
  let rows = await allRows(page);
  let wrong = rows.filter((r) => r.visible !== words(r.tags).includes(tag));
  check(wrong.length === 0, `tag ${tag}: ${wrong.length} rows wrongly shown/hidden`);
  let text = await countText(page);
  check(text.includes(String(n)), `tag ${tag}: #filter-count says "${text}" with ${n} rows shown`);
  await page.click("#filter-reset");
  check((await page.inputValue("#filter-tag")) === "", "Reset does not clear the tag select");

  // date range: November 2025, typed into the date inputs
  const from = "2025-11-01", to = "2025-11-30";
  await page.fill("#filter-from", from);
  await page.fill("#filter-to", to);
  rows = await allRows(page);
  const inside = rows.filter((r) => r.start >= from && r.end <= to);
  const outside = rows.filter((r) => r.end < from || r.start > to);
  const straddle = rows.filter((r) => !inside.includes(r) && !outside.includes(r));
  need(inside.length > 0, `no event lies within ${from}..${to}`);
  const hiddenInside = inside.filter((r) => !r.visible);
  const shownOutside = outside.filter((r) => r.visible);
  check(hiddenInside.length === 0, `${from}..${to}: ${hiddenInside.length} events within the range are hidden: ${JSON.stringify(hiddenInside.slice(0, 3))}`);
  check(shownOutside.length === 0, `${from}..${to}: ${shownOutside.length} events outside the range are shown: ${JSON.stringify(shownOutside.slice(0, 3))}`);
  const shown = rows.filter((r) => r.visible).length;
  text = await countText(page);
  check(text.includes(String(shown)), `${from}..${to}: #filter-count says "${text}" with ${shown} rows shown`);
  notes.push(`date filter ${from}..${to}: ${inside.length} events inside, ${straddle.length} straddling the range (${straddle.filter((r) => r.visible).length} of them shown, i.e. overlap semantics), ${shown} shown`);
  check((await sectionMismatches(page)).length === 0, "with a date range, sections disagree with their rows");

  // combined: date range + actor
  const actor = "putin";
  await page.selectOption("#filter-actor", actor);
  rows = await allRows(page);
  wrong = rows.filter((r) => r.visible && (!words(r.actors).includes(actor) || r.end < from || r.start > to));
  check(wrong.length === 0, `range + actor ${actor}: ${wrong.length} rows shown that fail a filter`);
  // nothing matches: a range before every event
  await page.selectOption("#filter-actor", "");
  await page.fill("#filter-from", "1800-01-01");
  await page.fill("#filter-to", "1800-12-31");
  check((await visibleRows(page)).length === 0, "range 1800: rows still shown");
  text = await countText(page);
  check(/\b0\b|no /i.test(text), `range 1800: #filter-count says "${text}", should say nothing matches`);
  await page.click("#filter-reset");
  check((await visibleRows(page)).length === 105, "after Reset not all 105 rows are visible");
  check((await page.inputValue("#filter-from")) === "" && (await page.inputValue("#filter-to")) === "", "Reset does not clear the dates");
});

test("chronology: the timeline SVG links every bar to its month", async ({ open }) => {
  const page = await open("/chronology/");
  const info = await page.evaluate(() => {
    const svg = document.querySelector("figure.timeline svg");
    if (!svg) return null;
    const r = svg.getBoundingClientRect();
    const links = [...svg.querySelectorAll("a")].map((a) => a.getAttribute("href") || a.getAttribute("xlink:href"));
    return { w: r.width, h: r.height, links, missing: links.filter((h) => !h.startsWith("#m") || !document.getElementById(h.slice(1))) };
  });
  need(info, "no figure.timeline svg on /chronology/");
  check(info.w > 200 && info.h > 20, `the timeline SVG is ${info.w}x${info.h} px`);
  check(info.links.length > 0, "the timeline has no <a> links");
  check(info.missing.length === 0, `timeline links to missing months: ${info.missing.join(", ")}`);
  // what is painted in each bar link (rects with a visible fill) must differ in height
  // with the number of events: a style that paints a link's transparent hit area would
  // make every bar look full
  const heights = await page.$$eval("figure.timeline svg a", (as) =>
    as.map((a) =>
      Math.max(
        0,
        ...[...a.querySelectorAll("rect, path")]
          .filter((r) => {
            const cs = getComputedStyle(r);
            return cs.fill !== "none" && !/^(transparent|rgba\(.*, 0\))$/.test(cs.fill) && Number(cs.fillOpacity) > 0 && Number(cs.opacity) > 0 && cs.visibility !== "hidden";
          })
          .map((r) => Math.round(r.getBoundingClientRect().height))
      )
    )
  );
  check(new Set(heights).size > 1, `every timeline bar is painted ${heights[0]}px tall: the bars do not show how many events each month has`);
});

test("chronology split by period: the filters go along to the other pages, and an actor's link opens the page of its first event", async ({ open }) => {
  const page = await open(null);
  await page.goto(new URL("chronology/2025/", splitUrl).href);
  await page.locator("#chronology-filters").waitFor({ state: "visible" });
  need((await allRows(page)).length === 2, "chronology/2025/ does not list its 2 events");
  await page.selectOption("#filter-actor", "elphberg");
  const here = await visibleRows(page);
  check(here.length === 1 && words(here[0].actors).includes("elphberg"), `on 2025 the filter shows ${JSON.stringify(here)}`);
  // the next period opens with the same filter
  await Promise.all([page.waitForURL(/\/chronology\/2025-09\/#actor=elphberg$/), page.click(".pager a[rel=next]")]);
  await page.waitForFunction(() => document.querySelector("#filter-actor").value === "elphberg", null, { timeout: 3000 }).catch(() => {});
  const next = await visibleRows(page);
  check(next.length === 1 && words(next[0].actors).includes("elphberg"), `on 2025-09 the filter shows ${JSON.stringify(next)}`);
  check((await countText(page)).includes("1 of 2"), `on 2025-09 #filter-count says "${await countText(page)}"`);
  // a period where the actor takes no part shows none, and says so
  await Promise.all([page.waitForURL(/\/chronology\/2025-11\/#actor=elphberg$/), page.click(".pager a[rel=next]")]);
  await page.waitForFunction(() => document.querySelector("#filter-actor").value === "elphberg", null, { timeout: 3000 }).catch(() => {});
  check((await visibleRows(page)).length === 0, "on 2025-11 an event of another actor stays shown");
  check((await countText(page)).startsWith("No events match"), `on 2025-11 #filter-count says "${await countText(page)}"`);
  // from an actor's page to the page of its first event, filtered
  await page.goto(new URL("actors/gloriana/", splitUrl).href);
  await Promise.all([page.waitForURL(/\/chronology\/2025-09\/#actor=gloriana$/), page.click("#events a[href*='chronology']")]);
  await page.waitForFunction(() => document.querySelector("#filter-actor").value === "gloriana", null, { timeout: 3000 }).catch(() => {});
  const own = await visibleRows(page);
  check(own.length === 1 && words(own[0].actors).includes("gloriana"), `gloriana's link shows ${JSON.stringify(own)}`);
});

test("actor page: the network SVG is drawn and its nodes link to actors", async ({ open }) => {
  const page = await open(ACTOR);
  const info = await page.evaluate(() => {
    const svg = document.querySelector("figure.network svg");
    if (!svg) return null;
    const r = svg.getBoundingClientRect();
    const links = [...svg.querySelectorAll("a")].map((a) => a.getAttribute("href") || a.getAttribute("xlink:href"));
    return { w: r.width, h: r.height, links };
  });
  need(info, `no figure.network svg on ${ACTOR}`);
  check(info.w > 200 && info.h > 100, `the network SVG is ${info.w}x${info.h} px`);
  check(info.links.length > 1, `the network has ${info.links.length} links`);
  check(info.links.every((h) => /\/actors\/[^/]+\/$/.test(h)), `network links not to actor pages: ${info.links.filter((h) => !/\/actors\/[^/]+\/$/.test(h)).join(", ")}`);
});

// What a tooltip must say is taken from the page itself, whatever carries it (a title
// attribute, or a data file the script reads): a mention's tooltip names the actor (the
// <h1> of the actor page it links to), a citation's names the source it points to (the
// linked title in its reference entry).
test("tooltips: hovering or focusing a mention or a citation shows who or what it is", async ({ open }) => {
  const page = await open(NOTE);
  const tip = page.locator('[role="tooltip"]').filter({ visible: true });
  const mention = page.locator("main a.mention").first();
  need((await mention.count()) === 1, `${NOTE} has no a.mention`);
  const href = await mention.getAttribute("href");
  const actorPage = await (await page.request.get(new URL(href, page.url()).href)).text();
  const name = (actorPage.match(/<h1[^>]*>([\s\S]*?)<\/h1>/) || [, ""])[1].replace(/<[^>]+>/g, "").trim();
  need(name, `the actor page ${href} has no <h1>`);
  await mention.hover();
  await tip.first().waitFor({ state: "visible", timeout: 2000 }).catch(() => {});
  const shown = await tip.allTextContents();
  check(shown.length === 1, `hovering the mention ${href} shows ${shown.length} visible [role=tooltip]`);
  if (shown.length === 1) {
    check(shown[0].includes(name), `the tooltip of the mention ${href} says "${shown[0]}", expected the name "${name}"`);
    // the tooltip lies within the window and near its link
    const [tb, mb] = [await tip.first().boundingBox(), await mention.boundingBox()];
    check(tb.x >= 0 && tb.x + tb.width <= DESKTOP.viewport.width, `the tooltip is off screen horizontally: ${JSON.stringify(tb)}`);
    check(Math.abs(tb.y - mb.y) < 300, `the tooltip is far from its link: ${JSON.stringify(tb)} vs ${JSON.stringify(mb)}`);
    await page.mouse.move(5, 5);
    await tip.first().waitFor({ state: "hidden", timeout: 2000 }).catch(() => {});
    check((await tip.count()) === 0, "the tooltip stays after the pointer leaves");
  }
  // keyboard: focus a citation
  const cite = page.locator("main sup.cite a").first();
  need((await cite.count()) === 1, `${NOTE} has no sup.cite a`);
  const ref = (await cite.getAttribute("href")) || "";
  need(ref.startsWith("#"), `the first citation links to ${ref}, not to a reference on the page`);
  const source = ((await page.locator(`[id="${ref.slice(1)}"] .source-cite a`).first().textContent().catch(() => "")) || "").trim();
  need(source, `the reference ${ref} has no .source-cite link`);
  await cite.focus();
  await tip.first().waitFor({ state: "visible", timeout: 2000 }).catch(() => {});
  const ctext = (await tip.allTextContents())[0] || "";
  check(ctext.includes(source), `focusing the citation ${ref} shows the tooltip "${ctext}", expected it to name "${source}"`);
  if (ctext) {
    const described = await cite.getAttribute("aria-describedby");
    const tipId = await tip.first().getAttribute("id");
    check(described && tipId && described.split(/\s+/).includes(tipId), `the focused citation is not aria-describedby its tooltip (aria-describedby=${described}, tooltip id=${tipId})`);
    await page.keyboard.press("Escape");
    check((await tip.count()) === 0, "Escape does not hide the tooltip");
  }
});

test("keyboard: Tab reaches the search box, the nav links and every filter control, each with a visible focus indicator", async ({ open }) => {
  const page = await open("/chronology/");
  await page.locator("#chronology-filters").waitFor({ state: "visible" });
  const navLinks = await page.$$eval("header nav a", (as) => as.map((a) => a.getAttribute("href")));
  need(navLinks.length >= 5, `only ${navLinks.length} nav links in the header`);
  const wanted = new Map([
    ["skip link", (f) => f.skip],
    ["#search-input", (f) => f.id === "search-input"],
    ...navLinks.map((h) => [`nav link ${h}`, (f) => f.inNav && f.href === h]),
    ...["filter-actor", "filter-tag", "filter-from", "filter-to", "filter-reset"].map((id) => [`#${id}`, (f) => f.id === id]),
  ]);
  const reached = new Map();
  const noIndicator = [];
  const offScreen = [];
  let last = null;
  let stuck = 0;
  for (let i = 0; i < 400 && reached.size < wanted.size; i++) {
    await page.keyboard.press("Tab");
    const f = await describeFocus(page);
    if (!f) continue;
    // a date input keeps focus over its day/month/year fields
    if (last && f.label === last) {
      if (++stuck > 5) break;
    } else stuck = 0;
    last = f.label;
    for (const [name, match] of wanted) {
      if (!reached.has(name) && match(f)) {
        reached.set(name, i + 1);
        if (!f.indicator) noIndicator.push(`${name} (${f.style})`);
        if (!f.onScreen) offScreen.push(name);
      }
    }
  }
  const missing = [...wanted.keys()].filter((k) => !reached.has(k));
  check(missing.length === 0, `Tab never reached: ${missing.join(", ")} (reached: ${[...reached.keys()].join(", ")})`);
  check(noIndicator.length === 0, `no visible focus indicator (outline or box-shadow) on: ${noIndicator.join("; ")}`);
  check(offScreen.length === 0, `focused but not on screen: ${offScreen.join(", ")}`);
  // the order: skip link first, then search, then nav, then the filters in document order
  const order = [...wanted.keys()].sort((a, b) => reached.get(a) - reached.get(b));
  check(order[0] === "skip link", `the first Tab stop is ${order[0]}, expected the skip link`);
  notes.push(`keyboard: Tab order on /chronology/: ${order.map((k) => `${k}@${reached.get(k)}`).join(", ")}`);
  // a control reached by Tab can be used from the keyboard: the select changes with arrows
  await page.focus("#filter-actor");
  await page.keyboard.press("ArrowDown");
  const v = await page.inputValue("#filter-actor");
  check(v !== "", "ArrowDown on the focused actor select does not choose an actor");
  const shown = (await visibleRows(page)).length;
  check(shown < 105, `choosing an actor with the keyboard leaves ${shown} rows visible`);
});

test("keyboard: the skip link is visible when focused and moves focus to the main content", async ({ open }) => {
  const page = await open(NOTE);
  await page.keyboard.press("Tab");
  const f = await describeFocus(page);
  need(f && f.skip, `the first Tab stop is ${f && f.label}, expected the skip link`);
  check(f.onScreen, "the focused skip link is not on screen");
  const box = await page.locator("a.skip").boundingBox();
  check(box && box.width > 20 && box.height > 10, `the focused skip link is ${JSON.stringify(box)}`);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  const g = await page.evaluate(() => !!document.activeElement.closest("main"));
  check(g, "after following the skip link, the next Tab stop is not inside <main>");
});

test("print page: every section, five notes, and print media hides navigation and search", async ({ open }) => {
  const page = await open("/print/");
  check(await page.locator("body.print-page").count() === 1, "/print/ has no <body class=print-page>");
  for (const id of ["about", "actors", "chronology", "notes", "bibliography"]) {
    const s = page.locator(`#${id}`);
    if (!check((await s.count()) === 1, `/print/ has ${await s.count()} #${id}`)) continue;
    check(await s.isVisible(), `#${id} is not visible on /print/`);
    const text = ((await s.textContent()) || "").trim();
    check(text.length > 100, `#${id} on /print/ is nearly empty (${text.length} chars)`);
  }
  const notesCount = await page.locator("#notes article.note").count();
  check(notesCount === 5, `#notes holds ${notesCount} article.note, expected 5`);
  const notesH = await page.$$eval("#notes article.note h3", (hs) => hs.map((h) => h.textContent.trim()));
  check(notesH.every((h) => h.length > 0), "a note on the print page has no title");
  const rows = await page.locator("#chronology .event-row").count();
  check(rows === 105, `#chronology on /print/ lists ${rows} events, expected 105`);
  const bib = await page.locator("#bibliography li").count();
  check(bib >= 50, `#bibliography lists only ${bib} sources`);

  await page.emulateMedia({ media: "print" });
  const hidden = await page.evaluate(() => {
    const vis = (sel) => [...document.querySelectorAll(sel)].filter((e) => e.checkVisibility()).map(() => sel);
    return [
      ...vis("header.site-header nav"),
      ...vis("form.site-search"),
      ...vis("#search-input"),
      ...vis("nav.breadcrumbs"),
      ...vis("a.skip"),
      ...vis("#chronology-filters"),
    ];
  });
  if (await page.locator(".print-hint").isVisible()) notes.push("print: the .print-hint (\"use your browser's Print\") is printed on paper too");
  check(hidden.length === 0, `in print media these are still visible: ${[...new Set(hidden)].join(", ")}`);
  for (const id of ["about", "actors", "chronology", "notes", "bibliography"]) {
    check(await page.locator(`#${id}`).first().isVisible(), `#${id} is hidden in print media`);
  }
  const fiveNotes = await page.$$eval("#notes article.note", (ns) => ns.filter((n) => n.checkVisibility()).length);
  check(fiveNotes === 5, `in print media ${fiveNotes} notes are visible`);
  // print styles should not set a dark background or hide the main text
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  check(/rgba?\(255, 255, 255|rgba\(0, 0, 0, 0\)|transparent/.test(bg), `print body background is ${bg}`);
  const pdf = await page.pdf({ path: join(shotDir, "print.pdf"), format: "A4", printBackground: false });
  notes.push(`print: /print/ printed to ${Math.round(pdf.length / 1024)} KB of PDF (${join(shotDir, "print.pdf")})`);

  // the note pages print without the site chrome too
  const note = await open(NOTE);
  await note.emulateMedia({ media: "print" });
  const shown = await note.evaluate(() =>
    ["header.site-header nav", "form.site-search", "nav.breadcrumbs"].filter((s) => [...document.querySelectorAll(s)].some((e) => e.checkVisibility()))
  );
  check(shown.length === 0, `in print media on ${NOTE} still visible: ${shown.join(", ")}`);
});

test("ids are unique on every page, so that in-page links (citations, references) land on the right element", async ({ open }) => {
  for (const [, p] of PAGES) {
    const page = await open(p);
    const dups = await page.evaluate(() => {
      const n = new Map();
      for (const e of document.querySelectorAll("[id]")) n.set(e.id, (n.get(e.id) || 0) + 1);
      return [...n].filter(([, k]) => k > 1).map(([id, k]) => `${id} ×${k}`);
    });
    check(dups.length === 0, `${p}: ${dups.length} duplicated ids, e.g. ${dups.slice(0, 8).join(", ")}`);
  }
});

test("without JavaScript the filters stay hidden and the search form submits to /search/", async () => {
  const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(url("/chronology/"));
    check(!(await page.locator("#chronology-filters").isVisible()), "without JavaScript #chronology-filters is visible (its controls do nothing)");
    check((await visibleRows(page)).length === 105, "without JavaScript not every event is visible");
    await page.fill("#search-input", "Alaska");
    await Promise.all([page.waitForURL((u) => u.pathname === "/search/"), page.press("#search-input", "Enter")]);
    check(new URL(page.url()).searchParams.get("q") === "Alaska", `the search form went to ${page.url()}`);
    const text = await page.textContent("main");
    check(/javascript/i.test(text), "/search/ does not say that search needs JavaScript");
  } finally {
    await context.close();
  }
});

test("the search page shows the results for ?q= with JavaScript", async ({ open }) => {
  const page = await open("/search/?q=Alaska");
  await page.waitForFunction(() => document.querySelectorAll("#search-results a[href], main a[href*='/notes/']").length > 0, null, { timeout: 3000 }).catch(() => {});
  const hits = await page.$$eval("#search-results a[href]", (as) => as.map((a) => a.getAttribute("href")));
  if (hits.length === 0) notes.push("/search/?q=Alaska with JavaScript shows no results in #search-results (the contract does not require it)");
});

test("page weight: every note page's HTML + CSS + JS is under 100 KB", async ({ open }) => {
  const home = await open("/");
  const notePages = [...new Set(await home.$$eval("main a[href]", (as) => as.map((a) => new URL(a.href).pathname).filter((p) => /^\/notes\/[^/]+\/$/.test(p))))];
  need(notePages.length >= 5, `the home page lists ${notePages.length} notes`);
  const weights = [];
  for (const note of notePages) {
    const page = await open(null);
    const pending = [];
    page.on("response", (r) =>
      pending.push(
        r.body().then(
          (body) => ({ path: path(r.url()), type: r.request().resourceType(), bytes: body.length }),
          () => null // redirects have no body
        )
      )
    );
    await page.goto(url(note), { waitUntil: "networkidle" });
    const sizes = (await Promise.all(pending)).filter(Boolean);
    // HTML, CSS, JS and any data the script loads with the page (the search index and the
    // actors' cards load only when a reader searches or points at a mention)
    const counted = sizes.filter((s) => ["document", "stylesheet", "script", "fetch", "xhr"].includes(s.type));
    const total = counted.reduce((n, s) => n + s.bytes, 0);
    weights.push([note, total, counted]);
    check(counted.some((s) => s.type === "stylesheet") && counted.some((s) => s.type === "script"), `${note} loaded no CSS or no JS: ${JSON.stringify(sizes)}`);
    check(total < WEIGHT_LIMIT, `${note} weighs ${(total / 1024).toFixed(1)} KB of HTML + CSS + JS, limit 100 KB (${counted.map((s) => `${s.path} ${(s.bytes / 1024).toFixed(1)} KB`).join(", ")})`);
    await page.close();
  }
  weights.sort((a, b) => b[1] - a[1]);
  const [heaviest, total, counted] = weights[0];
  notes.push(`page weight of the heaviest note page, ${heaviest}: ${(total / 1024).toFixed(1)} KB (${counted.map((s) => `${s.path} ${(s.bytes / 1024).toFixed(1)} KB`).join(", ")})`);
});

test("from file:// the pages keep their style, links, search and cards", async ({ context }) => {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(fileUrl(NOTE));
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).display !== "block" || getComputedStyle(document.body).fontFamily !== "Times New Roman");
  check(styled, "a note page opened from file:// has no style");
  // links to folders go to their index.html
  const actorLink = page.locator("main a.mention").first();
  const href = await actorLink.getAttribute("href");
  check(/^\.\.\/\.\.\/actors\/[^/]+\/index\.html$/.test(href), `from file:// a mention links to ${href}, not to ../../actors/ID/index.html`);
  // the actor's card, from data/actors.js
  await actorLink.hover();
  const tip = page.locator('[role="tooltip"]').filter({ visible: true });
  await tip.first().waitFor({ state: "visible", timeout: 2000 }).catch(() => {});
  check((await tip.count()) === 1, "from file:// hovering a mention shows no card");
  await Promise.all([page.waitForURL(/\/actors\/[^/]+\/index\.html$/), actorLink.click()]);
  check((await page.locator("main h1").count()) === 1, `following a mention from file:// opened ${page.url()}, which has no <h1>`);
  // the header's links
  await Promise.all([page.waitForURL(/\/chronology\/index\.html$/), page.locator("header nav a", { hasText: "Chronology" }).click()]);
  check((await page.locator(".event-row").count()) === 105, "from file:// the chronology does not list the 105 events");
  // search, from data/search.js
  const links = await searchFor(page, "Turkish boots");
  const hit = links.find((l) => l.abs.endsWith("/notes/turkish-boots-ceasefire/index.html"));
  check(hit, `from file:// search "Turkish boots" finds no link to the note's index.html: ${JSON.stringify(links.map((l) => l.href))}`);
  if (hit) {
    await Promise.all([page.waitForURL(hit.abs), page.locator(`#search-results a[href="${hit.href}"]`).click()]);
    check((await page.locator("main h1").textContent()).includes("Turkish"), `the search result opened ${page.url()}`);
  }
  check(problems.length === 0, `errors on the file:// pages:\n  ${problems.join("\n  ")}`);
});

test("serve: an edit that breaks the build shows the error over the page; the fix reloads it", async ({ context }) => {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(`uncaught exception: ${e.message}`));
  await page.goto(new URL("notes/talks-resume/", serveUrl).href);
  need((await page.locator("main h1").count()) === 1, "the served note has no <h1>");
  // the page listens to the server before the edit
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((r) => r.name.includes("__briefing/events")), null, { timeout: 3000 }).catch(() => {});
  await page.waitForTimeout(300);
  const text = readFileSync(liveNote, "utf8");
  need(text.includes("[[elphberg]] met"), `${liveNote} does not say "[[elphberg]] met"`);
  try {
    writeFileSync(liveNote, text.replace("[[elphberg]] met", "[[elphberg-typo]] met"));
    const box = page.locator("#briefing-build-error");
    await box.waitFor({ state: "visible", timeout: 10000 }).catch(() => {});
    need((await box.count()) === 1, "after an edit that breaks the build, no error shows over the page");
    const shown = await box.textContent();
    check(/talks-resume\.md:\d+:\d+: error: unknown actor `elphberg-typo`/.test(shown), `the error over the page says "${shown}", expected the file:line:col and the unknown actor`);
    check((await box.getAttribute("role")) === "alert", "the error box is not role=alert, so a screen reader does not announce it");
    // readable: in the window, light text on a dark ground, the page still under it
    const look = await box.evaluate((b) => {
      const r = b.getBoundingClientRect(), cs = getComputedStyle(b);
      return { top: r.top, bottom: r.bottom, h: innerHeight, color: cs.color, bg: cs.backgroundColor };
    });
    check(look.top >= 0 && look.bottom <= look.h + 1 && look.bottom - look.top > 40, `the error box is not within the window: ${JSON.stringify(look)}`);
    check(look.color !== look.bg, `the error box's text and ground are the same colour: ${JSON.stringify(look)}`);
    check((await page.locator("main h1").count()) === 1, "the last good page is gone behind the error");
    await page.screenshot({ path: join(shotDir, "serve-error-desktop.png") });
  } finally {
    writeFileSync(liveNote, text.replace("[[elphberg]] met", "[[ruritania]] met"));
  }
  // the mended note reloads the page, without the error and with the edit
  await page.waitForFunction(() => !document.getElementById("briefing-build-error") && [...document.querySelectorAll("main a.mention")].some((a) => /actors\/ruritania\//.test(a.getAttribute("href"))), null, { timeout: 10000 }).catch(() => {});
  check((await page.locator("#briefing-build-error").count()) === 0, "the error stays over the page after the fix");
  const hrefs = await page.$$eval("main a.mention", (as) => as.map((a) => a.getAttribute("href")));
  check(hrefs.some((h) => /actors\/ruritania\//.test(h)), `after the fix the page does not show the edit (mentions: ${hrefs.join(", ")})`);
  check(errors.length === 0, errors.join("; "));
});

// ---------------------------------------------------------------- main

const t0 = Date.now();
browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  timeout: 30000,
});
// The checks run JOBS at a time, each in its own browser context.
const only = process.env.BROWSER_TEST_ONLY; // a substring of the names of the checks to run
const todo = checks.filter(([name]) => !only || name.includes(only));
const JOBS = Math.max(1, Number(process.env.BROWSER_TEST_JOBS) || 2);
await Promise.all(
  Array.from({ length: JOBS }, async () => {
    for (let next; (next = todo.shift()); ) results.push(await run(...next));
  })
);
const version = browser.version();
await browser.close();

for (const n of notes) console.log(`note ${n}`);
const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length} passed, ${failed.length} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s (Chromium ${version})`);
process.exit(failed.length ? 1 : 0);
