(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message)); });
  var consoleError = console.error;
  console.error = function () {
    errors.push(Array.prototype.join.call(arguments, " "));
    consoleError.apply(console, arguments);
  };
  document.documentElement.className += " js";
  var vp = document.getElementById("viewport");
  var canvas = document.getElementById("canvas");
  var tip = document.getElementById("tip");
  var layers = Array.prototype.slice.call(document.querySelectorAll(".layer"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-show]"));
  var view = { s: 1, x: 0, y: 0 };
  var MIN = 0.03, MAX = 8;
  var shapeCache = [];

  function apply() {
    canvas.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + view.s + ")";
  }
  function current() {
    for (var i = 0; i < layers.length; i++) if (!layers[i].hidden) return layers[i];
    return layers[0];
  }
  function size() {
    var svg = current().querySelector("svg");
    return { w: Number(svg.getAttribute("width")) || 1, h: Number(svg.getAttribute("height")) || 1 };
  }
  function fitScale() {
    var m = size();
    return Math.max(MIN, Math.min(1.5, vp.clientWidth / m.w, window.innerHeight * 0.7 / m.h));
  }
  function fit() {
    view.s = fitScale(); view.x = 0; view.y = 0; apply();
    // The map's box is as tall as the fitted map (with room for a tall zoomed-in look).
    vp.style.height = Math.max(240, Math.ceil(size().h * view.s) + 4) + "px";
  }
  function zoomAt(f, px, py) {
    var s = Math.max(MIN, Math.min(MAX, view.s * f));
    view.x = px - (px - view.x) * (s / view.s);
    view.y = py - (py - view.y) * (s / view.s);
    view.s = s; apply();
  }
  function zoom(f) { zoomAt(f, vp.clientWidth / 2, vp.clientHeight / 2); }
  function pan(dx, dy) { view.x += dx; view.y += dy; apply(); }
  function show(id) {
    layers.forEach(function (l) { l.hidden = l.getAttribute("data-layer") !== id; });
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-show") === id)); });
    hideTip(); fit();
  }

  function row(step) {
    var layer = step.closest(".layer").getAttribute("data-layer");
    var rows = document.querySelectorAll("table[data-table=\"" + layer + "\"] tr[data-step]");
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getAttribute("data-step") === step.getAttribute("data-step")) return rows[i];
    }
    return null;
  }
  function showTip(step) {
    var r = row(step);
    if (!r) return;
    var heads = r.closest("table").querySelectorAll("thead th");
    var html = "";
    for (var i = 0; i < r.cells.length; i++) {
      var name = heads[i] ? heads[i].textContent : "";
      if (i === 0) html += "<strong>" + r.cells[0].textContent + " / " + r.cells[1].textContent + "</strong>";
      else if (i === 1) continue;
      else if (r.cells[i].className === "dists") html += "<div class=\"dists\">" + r.cells[i].innerHTML + "</div>";
      else html += "<div><span>" + name + "</span><span>" + r.cells[i].innerHTML + "</span></div>";
    }
    tip.innerHTML = html;
    tip.hidden = false;
    var b = step.getBoundingClientRect();
    var left = Math.min(b.right + 8, window.innerWidth - tip.offsetWidth - 8);
    var top = b.top;
    if (top + tip.offsetHeight > window.innerHeight) top = Math.max(4, window.innerHeight - tip.offsetHeight - 4);
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = Math.max(4, top) + "px";
  }
  function hideTip() { tip.hidden = true; }
  function reveal(step) {
    var b = step.getBoundingClientRect(), v = vp.getBoundingClientRect();
    var dx = 0, dy = 0;
    if (b.left < v.left) dx = v.left - b.left + 20;
    else if (b.right > v.right) dx = v.right - b.right - 20;
    if (b.top < v.top) dy = v.top - b.top + 20;
    else if (b.bottom > v.bottom) dy = v.bottom - b.bottom - 20;
    if (dx || dy) pan(dx, dy);
  }

  canvas.addEventListener("focusin", function (e) {
    var step = e.target.closest && e.target.closest(".step");
    if (step) { vp.scrollLeft = 0; vp.scrollTop = 0; reveal(step); showTip(step); }
  });
  canvas.addEventListener("focusout", hideTip);
  canvas.addEventListener("mouseover", function (e) {
    var step = e.target.closest && e.target.closest(".step");
    if (step) showTip(step);
  });
  canvas.addEventListener("mouseout", function (e) {
    if (!e.relatedTarget || !e.relatedTarget.closest || !e.relatedTarget.closest(".step")) hideTip();
  });
  vp.addEventListener("keydown", function (e) {
    var k = e.key, done = true;
    if (k === "ArrowLeft") pan(60, 0);
    else if (k === "ArrowRight") pan(-60, 0);
    else if (k === "ArrowUp") pan(0, 60);
    else if (k === "ArrowDown") pan(0, -60);
    else if (k === "+" || k === "=") zoom(1.25);
    else if (k === "-" || k === "_") zoom(0.8);
    else if (k === "0") fit();
    else if (k === "Escape") hideTip();
    else done = false;
    if (done) e.preventDefault();
  });
  vp.addEventListener("wheel", function (e) {
    e.preventDefault();
    var v = vp.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - v.left, e.clientY - v.top);
  }, { passive: false });
  var pointers = {}, pinch = 0;
  function spread() {
    var p = Object.keys(pointers).map(function (k) { return pointers[k]; });
    return p.length < 2 ? 0 : Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
  }
  vp.addEventListener("pointerdown", function (e) {
    pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
    pinch = spread();
    vp.classList.add("dragging");
  });
  vp.addEventListener("pointermove", function (e) {
    var p = pointers[e.pointerId];
    if (!p) return;
    if (Object.keys(pointers).length === 1) pan(e.clientX - p.x, e.clientY - p.y);
    p.x = e.clientX; p.y = e.clientY;
    var d = spread();
    if (d && pinch) {
      var v = vp.getBoundingClientRect();
      zoomAt(d / pinch, e.clientX - v.left, e.clientY - v.top);
      pinch = d;
    }
  });
  function up(e) {
    delete pointers[e.pointerId];
    pinch = spread();
    if (!Object.keys(pointers).length) vp.classList.remove("dragging");
  }
  vp.addEventListener("pointerup", up);
  vp.addEventListener("pointercancel", up);
  document.querySelector(".toolbar").addEventListener("click", function (e) {
    var b = e.target.closest("button");
    if (!b) return;
    var z = b.getAttribute("data-zoom"), l = b.getAttribute("data-show");
    if (z === "in") zoom(1.25);
    else if (z === "out") zoom(0.8);
    else if (z === "fit") fit();
    else if (l) show(l);
  });
  window.addEventListener("resize", fit);
  window.addEventListener("beforeprint", hideTip);
  show(layers[0].getAttribute("data-layer"));
  var readyMs = performance.now();
  document.documentElement.setAttribute("data-ready-ms", readyMs.toFixed(1));

  if (/selftest/.test(location.hash + location.search)) selftest();

  function selftest() {
    var checks = [];
    function check(name, ok, detail) { checks.push({ name: name, ok: !!ok, detail: detail || "" }); }
    // A window without system focus (a busy headless browser) moves the focus but holds back
    // its events: deliver the ones a focused window would, to the same handlers.
    function focusOn(el) {
      var before = document.activeElement;
      el.focus();
      if (document.hasFocus() || document.activeElement !== el || before === el) return;
      if (before) before.dispatchEvent(new FocusEvent("focusout", { bubbles: true, relatedTarget: el }));
      el.dispatchEvent(new FocusEvent("focusin", { bubbles: true, relatedTarget: before }));
    }
    function key(k) { vp.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true })); }
    layers.forEach(function (layer) {
      var id = layer.getAttribute("data-layer");
      var steps = layer.querySelectorAll(".step[data-step]");
      var rows = document.querySelectorAll("table[data-table=\"" + id + "\"] tr[data-step]");
      var focusable = Array.prototype.every.call(steps, function (s) { return s.getAttribute("tabindex") === "0"; });
      check(id + ": a focusable map step per row", steps.length === rows.length && focusable, steps.length + " steps, " + rows.length + " rows");
    });
    buttons.forEach(function (b) {
      b.click();
      var id = b.getAttribute("data-show");
      var ok = current().getAttribute("data-layer") === id && layers.filter(function (l) { return !l.hidden; }).length === 1;
      check("layer switch " + id, ok && b.getAttribute("aria-pressed") === "true");
    });
    if (buttons.length) buttons[0].click();
    var step = current().querySelector(".step");
    if (step) {
      focusOn(step);
      var name = step.getAttribute("data-step").split("/").slice(1).join("/");
      check("step focus shows its details", document.activeElement === step && !tip.hidden && tip.textContent.indexOf(name) >= 0, tip.textContent.slice(0, 80));
      var last = current().querySelectorAll(".step");
      last = last[last.length - 1];
      fit(); zoom(4); focusOn(last);
      var b = last.getBoundingClientRect(), v = vp.getBoundingClientRect();
      check("a focused step is panned into view", b.left >= v.left - 1 && b.right <= v.right + 1, b.left + ".." + b.right + " in " + v.left + ".." + v.right);
      focusOn(vp);
      check("leaving a step hides its details", tip.hidden);
    }
    fit();
    var s0 = view.s;
    key("+");
    check("+ zooms in", view.s > s0, s0 + " -> " + view.s);
    key("-"); key("-");
    check("- zooms out", view.s < s0, String(view.s));
    var x0 = view.x;
    key("ArrowRight");
    check("arrow keys pan", view.x < x0, x0 + " -> " + view.x);
    key("0");
    check("0 fits", Math.abs(view.s - fitScale()) < 1e-9 && view.x === 0);
    var low = contrastFailures();
    check("text contrast at least WCAG AA", low.length === 0, low.slice(0, 5).join("; "));
    check("no script error", errors.length === 0, errors.join("; "));
    var out = document.getElementById("vsm-selftest");
    var ok = checks.every(function (c) { return c.ok; });
    out.textContent = JSON.stringify({ ok: ok, ready_ms: readyMs, steps: document.querySelectorAll(".step[data-step]").length, checks: checks, errors: errors });
    document.documentElement.setAttribute("data-selftest", ok ? "pass" : "fail");
  }

  function rgb(c) {
    var m = c.match(/[\d.]+/g);
    return m ? m.map(Number) : [0, 0, 0, 0];
  }
  function lum(c) {
    var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function background(el) {
    for (; el && el.nodeType === 1; el = el.parentNode) {
      var st = getComputedStyle(el);
      var c = rgb(st.backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
      if (el.tagName.toLowerCase() === "svg") return [255, 255, 255];
    }
    return [255, 255, 255];
  }
  function contrastFailures() {
    var low = [];
    var all = document.body.querySelectorAll("*");
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      var own = Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
      if (!own || !el.getClientRects().length) continue;
      var st = getComputedStyle(el);
      var inSvg = el instanceof SVGElement;
      var fg = rgb(inSvg ? (el.getAttribute("fill") ? st.fill : st.color) : st.color);
      if (inSvg && st.fill && st.fill.indexOf("rgb") === 0) fg = rgb(st.fill);
      var bg = inSvg ? svgBackground(el) : background(el);
      var a = lum(fg), b = lum(bg);
      var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      var size = parseFloat(st.fontSize), bold = Number(st.fontWeight) >= 700;
      var need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      if (ratio < need) low.push(el.tagName + " \"" + el.textContent.trim().slice(0, 24) + "\" " + ratio.toFixed(2));
    }
    return low;
  }
  function svgBackground(el) {
    // The last filled shape drawn before the text under the text's middle, else the page.
    var svg = el.ownerSVGElement, shapes = null;
    for (var c = 0; c < shapeCache.length; c++) if (shapeCache[c].svg === svg) shapes = shapeCache[c].shapes;
    if (!shapes) {
      shapes = Array.prototype.filter.call(svg.querySelectorAll("rect, path"), function (s) {
        var f = s.getAttribute("fill");
        return f && f !== "none";
      }).map(function (s) { return { el: s, box: s.getBoundingClientRect(), fill: rgb(getComputedStyle(s).fill) }; });
      shapeCache.push({ svg: svg, shapes: shapes });
    }
    var b = el.getBoundingClientRect();
    var x = b.left + b.width / 2, y = b.top + b.height / 2;
    for (var i = shapes.length - 1; i >= 0; i--) {
      var s = shapes[i], r = s.box;
      if (x < r.left || x > r.right || y < r.top || y > r.bottom) continue;
      if (s.el.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) continue;
      return s.fill;
    }
    return [255, 255, 255];
  }
})();
