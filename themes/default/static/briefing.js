/* briefing theme script: search, chronology filters, hover cards, and links that work from file://. The markup it reads is in themes/default/templates (base.html, chronology.html) and src/render (items.rs, html.rs). */
(function () {
  "use strict";
  const d = document, $ = (s, r) => (r || d).querySelector(s), byId = id => d.getElementById(id);
  // The site's root, relative to this page ("../../" on a note page).
  const BASE = d.documentElement.dataset.base || "/";
  const set = (e, attrs) => { for (const k in attrs) e.setAttribute(k, attrs[k]); return e; };
  const el = (tag, attrs, text) => {
    const e = set(d.createElement(tag), attrs);
    if (text != null) e.textContent = text;
    return e;
  };

  // data/NAME.js, which hands its value to briefingData(NAME, value): a script loads from
  // file:// where a fetch may not.
  const wanted = {};
  window.briefingData = (name, value) => wanted[name] && wanted[name].done(value);
  const data = name => (wanted[name] || (wanted[name] = (() => {
    const w = {};
    w.promise = new Promise((done, fail) => {
      w.done = done;
      const s = el("script", { src: BASE + "data/" + name + ".js" });
      s.onerror = () => { delete wanted[name]; s.remove(); fail(new Error(name)); };
      d.head.append(s);
    });
    return w;
  })())).promise;

  // From file:// a folder shows as a listing, not as its index.html: links to folders get it.
  const FILE = location.protocol === "file:";
  const local = u => FILE && u && !/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(u) ? u.replace(/\/(?=[?#]|$)/, "/index.html") : u;
  function fixLinks() {
    if (!FILE) return;
    for (const a of d.querySelectorAll("a[href]")) a.setAttribute("href", local(a.getAttribute("href")));
    for (const f of d.querySelectorAll("form[action]")) f.setAttribute("action", local(f.getAttribute("action")));
  }

  // As the index is built: lowercase, fold diacritics (ı and İ too), split on non-alphanumerics, keep length >= 2.
  const SPECIAL = { ı: "i", ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ł: "l", ð: "d", þ: "th" };
  const fold = s => s.toLowerCase().replace(/[ıßæœøđłðþ]/g, c => SPECIAL[c]).normalize("NFD").replace(/\p{M}+/gu, "");
  const words = s => fold(s).split(/[^\p{L}\p{N}]+/u).filter(w => w.length > 1);

  /* ---- Search ---- */
  function initSearch() {
    const input = byId("search-input"), box = byId("search-results");
    if (!input || !box) return;
    const form = input.form || box.parentNode, status = el("span", { class: "visually-hidden", role: "status" });
    form.appendChild(status);
    set(box, { role: "listbox", "aria-label": "Search results" });
    set(input, { role: "combobox", "aria-autocomplete": "list", "aria-controls": box.id, "aria-expanded": "false" });
    let idx = null, loading = null, opts = [], active = -1, timer = 0, lastQ = null, turn = 0;

    const load = () => loading || (loading = data("search")
      .then(j => (idx = { docs: j.docs, terms: j.terms, keys: Object.keys(j.terms).sort() }))
      .catch(e => { loading = null; throw e; }));

    function run(q) {
      const qw = [...new Set(words(q))];
      if (!qw.length) return null;
      const { docs, terms, keys } = idx, matched = new Set(), count = new Map();
      let hit = null;
      for (const w of qw) {
        let lo = 0, hi = keys.length;
        while (lo < hi) { const m = (lo + hi) >> 1; if (keys[m] < w) lo = m + 1; else hi = m; }
        const next = new Set();
        for (; lo < keys.length && keys[lo].startsWith(w); lo++) {
          matched.add(keys[lo]);
          for (const n of terms[keys[lo]]) if (!hit || hit.has(n)) next.add(n);
        }
        if (!(hit = next).size) break;
      }
      for (const t of matched) for (const n of terms[t]) if (hit.has(n)) count.set(n, (count.get(n) || 0) + 1);
      // Documents whose title has every query word first (notes and actors before events and
      // sources among them), then by number of matched terms.
      const res = [...hit].map(n => {
        const [kind, title] = docs[n], tw = words(title), lead = /^(note|actor)$/.test(kind) ? 2 : 1;
        return { n, c: count.get(n), top: qw.every(w => tw.some(t => t.startsWith(w))) ? lead : 0 };
      }).sort((a, b) => b.top - a.top || b.c - a.c || a.n - b.n);
      return { qw, total: res.length, list: res.slice(0, 20) };
    }

    // The text, with the start of each word that a query word is a prefix of in <mark>.
    function highlight(text, qw) {
      const f = d.createDocumentFragment(), re = /[\p{L}\p{N}\p{M}]+/gu;
      let last = 0, m;
      while ((m = re.exec(text))) {
        const tok = m[0], ft = fold(tok);
        let len = 0;
        for (const w of qw) if (ft.startsWith(w)) {
          let k = 0;
          while (k < tok.length && fold(tok.slice(0, k)).length < w.length) k++;
          while (/\p{M}/u.test(tok[k] || "")) k++;
          len = Math.max(len, k);
        }
        if (len) { f.append(text.slice(last, m.index), el("mark", {}, tok.slice(0, len))); last = m.index + len; }
      }
      f.append(text.slice(last));
      return f;
    }

    function open(on) {
      box.hidden = !on;
      input.setAttribute("aria-expanded", on);
      if (!on) setActive(-1);
    }
    // Closes the results and drops the search still to come (typed less than 80 ms ago, or
    // waiting for the index), which would otherwise open them again.
    function dismiss() {
      clearTimeout(timer);
      turn++;
      open(false);
    }
    function setActive(i) {
      active = i;
      opts.forEach((o, j) => { o.classList.toggle("is-active", i === j); o.setAttribute("aria-selected", i === j); });
      if (!opts[i]) return input.removeAttribute("aria-activedescendant");
      input.setAttribute("aria-activedescendant", opts[i].id);
      opts[i].scrollIntoView({ block: "nearest" });
    }
    function render(r, msg) {
      box.textContent = "";
      opts = [];
      setActive(-1);
      status.textContent = msg || "";
      if (msg) box.appendChild(el("div", { class: "search-empty", role: "option", "aria-disabled": "true", "aria-selected": "false" }, msg));
      if (!r) return open(!!msg);
      if (!r.list.length) return render(null, "No results");
      r.list.forEach((h, i) => {
        const [kind, title, url, snippet] = idx.docs[h.n];
        const o = el("div", { class: "search-result", role: "option", id: "search-opt-" + i, "aria-selected": "false" });
        const a = el("a", { href: local(/^([a-z]+:|\/)/i.test(url) ? url : BASE + url), tabindex: "-1" });
        a.append(el("span", { class: "sr-kind sr-kind-" + kind }, kind), el("span", { class: "sr-title" }));
        a.lastChild.append(highlight(title, r.qw));
        if (snippet) a.append(el("span", { class: "sr-snippet" })), a.lastChild.append(highlight(snippet, r.qw));
        o.append(a);
        box.append(o);
        opts.push(o);
      });
      status.textContent = r.total + (r.total > 1 ? " results" : " result");
      open(true);
    }
    function update() {
      const q = input.value;
      if (q === lastQ && idx) return open(!!q.trim() && box.childNodes.length > 0);
      const t = ++turn;
      load().then(() => t === turn && render(run(lastQ = q)), () => t === turn && render(null, "Search is unavailable"));
    }

    input.addEventListener("focus", () => { load().catch(() => {}); if (input.value.trim()) update(); });
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 80); });
    input.addEventListener("keydown", e => {
      const n = opts.length, k = e.key;
      if (k === "ArrowDown" || k === "ArrowUp") {
        e.preventDefault();
        if (box.hidden) update();
        else if (n) setActive(k === "ArrowDown" ? (active + 1) % n : (active < 1 ? n : active) - 1);
      } else if (k === "Enter") {
        if (idx && input.value !== lastQ) { clearTimeout(timer); render(run(lastQ = input.value)); }
        const o = !box.hidden && opts[Math.max(active, 0)];
        if (o) { e.preventDefault(); open(false); location.href = $("a", o).href; }
        else if (idx && input.value.trim()) { e.preventDefault(); update(); }
      } else if (k === "Escape") { if (!box.hidden) e.preventDefault(); dismiss(); }
      else if (k === "Tab") dismiss();
    });
    const outside = e => { if (!form.contains(e.target)) dismiss(); };
    d.addEventListener("pointerdown", outside);
    d.addEventListener("focusin", outside);

    // On the no-JavaScript search page ({base}search/?q=...), show the results for q.
    const q = new URLSearchParams(location.search).get("q");
    if (q && input.form && new URL(input.form.action, location.href).pathname === location.pathname) {
      input.value = q;
      input.focus();
      update();
    }
  }

  /* ---- Chronology filters; their state lives in the hash, e.g. #actor=grushko&from=2025-09-01 ---- */
  function initFilters() {
    // The timeline scrolls sideways on narrow screens: show its latest months first.
    const strip = $(".timeline");
    if (strip) strip.scrollLeft = strip.scrollWidth;
    const bar = byId("chronology-filters");
    if (!bar) return;
    const c = {}, count = byId("filter-count"), reset = byId("filter-reset");
    for (const k of ["actor", "tag", "from", "to"]) if (byId("filter-" + k)) c[k] = byId("filter-" + k);
    const list = s => (s || "").split(/\s+/);
    const rows = [...d.querySelectorAll(".event-row")].filter(r => !r.closest("aside")).map(r => ({
      r, a: list(r.dataset.actors), t: list(r.dataset.tags), s: r.dataset.start || "", e: r.dataset.end || r.dataset.start || ""
    }));
    const sections = d.querySelectorAll("section.month, section.year");
    const bars = [...d.querySelectorAll('.timeline a[href^="#"]')];
    const pager = d.querySelectorAll(".pager a[rel]");
    const target = a => byId(decodeURIComponent(a.getAttribute("href").slice(1)));
    const val = k => c[k] ? c[k].value : "";
    const on = () => Object.keys(c).some(val);
    bar.hidden = false;

    function apply(write) {
      let from = val("from"), to = val("to"), shown = 0;
      if (from && to && from > to) [from, to] = [to, from];
      const actor = val("actor"), tag = val("tag");
      for (const x of rows) {
        const ok = (!actor || x.a.includes(actor)) && (!tag || x.t.includes(tag)) && (!from || !x.e || x.e >= from) && (!to || !x.s || x.s <= to);
        x.r.hidden = !ok;
        shown += ok;
      }
      for (const s of sections) s.hidden = !$(".event-row:not([hidden])", s);
      for (const a of bars) { const t = target(a); a.classList.toggle("is-empty", !!t && !!t.closest("[hidden]")); }
      if (count) count.textContent = !on() ? `Showing all ${rows.length} events`
        : shown ? `Showing ${shown} of ${rows.length} events` : `No events match these filters (of ${rows.length}).`;
      const p = new URLSearchParams();
      for (const k in c) if (val(k)) p.set(k, val(k));
      if (write) history.replaceState(history.state, "", p.toString() ? "#" + p : location.pathname + location.search);
      // A long chronology is split by period: its other pages open with the same filters.
      for (const a of pager) a.hash = p.toString();
    }
    function read() {
      const h = location.hash.slice(1);
      if (!h.includes("=")) return false; // a plain anchor leaves the filters alone
      const p = new URLSearchParams(h);
      for (const k in c) {
        const v = p.get(k) || "";
        // An actor with no event in this period is still the filter's choice: it shows none.
        if (v && c[k].tagName === "SELECT" && ![...c[k].options].some(o => o.value === v)) c[k].append(el("option", { value: v }, v));
        c[k].value = v;
      }
      return true;
    }

    bar.addEventListener("input", () => apply(true));
    bar.addEventListener("change", () => apply(true));
    if (reset) reset.addEventListener("click", () => { for (const k in c) c[k].value = ""; apply(true); });
    // A month link (#m2025-09) jumps as usual; then the filter state goes back into the address.
    addEventListener("hashchange", () => read() ? apply(false) : on() && apply(true));
    read();
    apply(false);
  }

  /* ---- Tooltips on mentions (from data/actors.js) and citations (from the page's reference list) ---- */
  function initTips() {
    const tip = el("div", { id: "briefing-tip", class: "tooltip", role: "tooltip", hidden: "" });
    let cur = null, showT = 0, hideT = 0, actors = null, loading = null;
    d.body.append(tip);
    const loadActors = () => loading || (loading = data("actors")
      .then(j => (actors = j.actors || {}), () => (actors = {})));
    // A mention links to its actor's page, .../actors/ID/
    const actorOf = a => ((a.getAttribute("href") || "").match(/actors\/([^/?#]+)\/(index\.html)?$/) || [])[1];

    // The card's parts: a head (name and kind, or number and source) and a line under it.
    function parts(a) {
      const head = el("span", { class: "tip-head" });
      if (a.classList.contains("mention")) {
        const entry = actors[actorOf(a)];
        if (!entry) return null;
        const [name, kind, role] = entry;
        head.append(el("strong", {}, name), " ", el("span", { class: "tip-kind chip chip-" + kind }, kind));
        return [head, role];
      }
      const ref = byId((a.getAttribute("href") || "").slice(1)), cite = ref && $(".source-cite", ref);
      if (!cite) return null;
      head.append(el("span", { class: "tip-num" }, "[" + a.textContent.trim() + "] "), el("cite", {}, cite.textContent.replace(/\s+/g, " ").trim()));
      return [head, ""];
    }

    function show(a) {
      clearTimeout(hideT);
      if (cur === a) return;
      hide();
      if (a.classList.contains("mention") && !actors) {
        // Show once the actors are known, if the link is still pointed at or focused.
        loadActors().then(() => { if (d.activeElement === a || a.matches(":hover")) show(a); });
        return;
      }
      const p = parts(a);
      if (!p) return;
      tip.replaceChildren(p[0]);
      if (p[1]) tip.append(" ", el("span", { class: "tip-role" }, p[1]));
      cur = a;
      a.setAttribute("aria-describedby", tip.id);
      tip.hidden = false;
      const r = a.getClientRects()[0] || a.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight, up = r.top >= h + 8;
      tip.style.left = Math.round(Math.max(8, Math.min(r.left, d.documentElement.clientWidth - w - 8)) + scrollX) + "px";
      tip.style.top = Math.round((up ? r.top - h - 8 : r.bottom + 8) + scrollY) + "px";
    }
    function hide() {
      clearTimeout(showT);
      clearTimeout(hideT);
      tip.hidden = true;
      if (!cur) return;
      cur.removeAttribute("aria-describedby");
      cur = null;
    }

    const link = e => e.target instanceof Element ? e.target.closest("a.mention, sup.cite a") : null;
    d.addEventListener("mouseover", e => {
      const a = link(e);
      if (a || tip.contains(e.target)) clearTimeout(hideT);
      if (a && a !== cur) { clearTimeout(showT); showT = setTimeout(() => show(a), 100); }
    });
    d.addEventListener("mouseout", e => {
      const a = link(e), to = e.relatedTarget;
      if (!a && !tip.contains(e.target) || to && (tip.contains(to) || cur && cur.contains(to) || a && a.contains(to))) return;
      clearTimeout(showT);
      if (cur && d.activeElement !== cur) hideT = setTimeout(hide, 150);
    });
    d.addEventListener("focusin", e => { const a = link(e); if (a) show(a); else hide(); });
    d.addEventListener("focusout", e => { if (e.target === cur) hide(); });
    // Escape hides the tooltip.
    d.addEventListener("keydown", e => { if (e.key === "Escape") tip.hidden = true; });
  }

  const init = () => { fixLinks(); initSearch(); initFilters(); initTips(); };
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", init); else init();
})();
