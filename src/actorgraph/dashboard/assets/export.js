/* Image exports in the browser: the app (through clientside callbacks) and the headless page
 * of `actorgraph export` both load this file, so both draw publication frames the same way.
 *
 * The frame (title, legend, source line) is laid out in Python (export/frame.py) as drawing
 * operations in CSS pixels at scale 1; this file only draws them at the export's scale, onto a
 * canvas (PNG, JPG) or into an SVG. Size options: cytoscape.js multiplies an image by the
 * screen's devicePixelRatio unless maxWidth/maxHeight are given, so every call passes them
 * (the capped pixel size): a 2x export is twice the graph's size on every screen.
 */
window.actorgraphExport = (function () {
  "use strict";
  /* The frame's text is set in the page's font (the app's shell.css, the headless page's
   * export/image/browser.py: both actorgraph/view/fonts.py's stack). */
  function pageFont() {
    return window.getComputedStyle(document.body).fontFamily || "sans-serif";
  }
  var SVG_NS = "http://www.w3.org/2000/svg";

  /* The cytoscape.js instance drawn inside the element with this id (a dash-cytoscape
   * component): cytoscape keeps it on its container as `_cyreg.cy`. */
  function findCy(id) {
    var host = document.getElementById(id);
    if (!host) { return null; }
    var nodes = [host].concat(Array.prototype.slice.call(host.querySelectorAll("div")));
    for (var i = 0; i < nodes.length; i++) {
      var reg = nodes[i]._cyreg;
      if (reg && reg.cy && !reg.cy.destroyed()) { return reg.cy; }
    }
    return null;
  }

  /* The size an export starts from, at scale 1: the whole graph's bounding box, or the
   * container for the visible part (the numbers cytoscape.js itself uses). */
  function measure(cy, area) {
    if (area === "visible") {
      var coords = cy.renderer().findContainerClientCoords();
      return {w: Math.round(coords[2]), h: Math.round(coords[3])};
    }
    var bb = cy.mutableElements().boundingBox();
    return {w: Math.ceil(bb.w), h: Math.ceil(bb.h)};
  }

  /* Ids of the nodes and edges at least partly in view, for the visible part's sources. */
  function visibleIds(cy) {
    var ext = cy.extent();
    var ids = [];
    cy.elements(":visible").forEach(function (ele) {
      var bb = ele.boundingBox();
      if (bb.x2 >= ext.x1 && bb.x1 <= ext.x2 && bb.y2 >= ext.y1 && bb.y1 <= ext.y2) {
        ids.push(ele.id());
      }
    });
    return ids;
  }

  /* What is drawn (optionally only these ids), each as {data: {id[, source, target]},
   * classes}: enough for a legend. */
  function drawnClasses(cy, onlyIds) {
    var keep = onlyIds ? new Set(onlyIds) : null;
    var out = [];
    cy.elements(":visible").forEach(function (ele) {
      if (keep && !keep.has(ele.id())) { return; }
      var data = {id: ele.id()};
      if (ele.isEdge()) { data.source = ele.source().id(); data.target = ele.target().id(); }
      out.push({data: data, classes: ele.classes().join(" ")});
    });
    return out;
  }

  function cyOptions(job, withBg) {
    var opts = {full: job.area !== "visible", scale: job.scale,
                maxWidth: job.graphPx[0], maxHeight: job.graphPx[1]};
    if (withBg && job.bg) { opts.bg = job.bg; }
    return opts;
  }

  /* The graph alone, as cytoscape.js draws it: a data URI (PNG/JPG) or SVG text. */
  function graphImage(cy, job) {
    if (job.type === "svg") { return cy.svg(cyOptions(job, true)); }
    var opts = cyOptions(job, true);
    if (job.type === "jpg") { opts.quality = job.quality || 0.92; return cy.jpg(opts); }
    return cy.png(opts);
  }

  function cut(measureText, text, maxWidth) {
    if (measureText(text) <= maxWidth) { return text; }
    var lo = 0, hi = text.length;
    while (lo < hi) {
      var mid = Math.ceil((lo + hi) / 2);
      if (measureText(text.slice(0, mid) + "…") <= maxWidth) { lo = mid; } else { hi = mid - 1; }
    }
    return text.slice(0, lo) + "…";
  }

  /* Outline of a legend node shape in a w x h box, as points (ellipse: null). */
  function shapePoints(shape, x, y, w, h) {
    var unit = {
      "diamond": [[0, -1], [1, 0], [0, 1], [-1, 0]],
      "triangle": [[0, -1], [1, 1], [-1, 1]], "round-triangle": [[0, -1], [1, 1], [-1, 1]],
      "hexagon": [[-0.5, -1], [0.5, -1], [1, 0], [0.5, 1], [-0.5, 1], [-1, 0]],
      "pentagon": [[0, -1], [0.95, -0.31], [0.59, 0.81], [-0.59, 0.81], [-0.95, -0.31]],
      "star": [[0, -1], [0.22, -0.31], [0.95, -0.31], [0.36, 0.12], [0.59, 0.81],
               [0, 0.38], [-0.59, 0.81], [-0.36, 0.12], [-0.95, -0.31], [-0.22, -0.31]],
      "vee": [[-1, -1], [0, -0.33], [1, -1], [0, 1]],
      "tag": [[-1, -1], [0.5, -1], [1, 0], [0.5, 1], [-1, 1]],
      "round-tag": [[-1, -1], [0.5, -1], [1, 0], [0.5, 1], [-1, 1]]
    }[shape];
    if (shape === "ellipse") { return null; }
    if (!unit) { unit = [[-1, -1], [1, -1], [1, 1], [-1, 1]]; }
    return unit.map(function (p) { return [x + (p[0] + 1) * w / 2, y + (p[1] + 1) * h / 2]; });
  }

  function dash(line, s) {
    if (line === "dashed") { return [4 * s, 3 * s]; }
    if (line === "dotted") { return [1.5 * s, 2.5 * s]; }
    return [];
  }

  function drawOpsCanvas(ctx, ops, s) {
    ops.forEach(function (op) {
      ctx.save();
      if (op.op === "text") {
        ctx.font = op.weight + " " + (op.size * s) + "px " + pageFont();
        ctx.fillStyle = op.color;
        ctx.textBaseline = "top";
        var text = cut(function (t) { return ctx.measureText(t).width; }, op.text,
                       op.maxWidth * s);
        ctx.fillText(text, op.x * s, op.y * s);
      } else if (op.op === "node") {
        ctx.fillStyle = op.color;
        ctx.beginPath();
        var pts = shapePoints(op.shape, op.x * s, op.y * s, op.w * s, op.h * s);
        if (pts === null) {
          ctx.ellipse((op.x + op.w / 2) * s, (op.y + op.h / 2) * s, op.w * s / 2,
                      op.h * s / 2, 0, 0, 2 * Math.PI);
        } else {
          ctx.moveTo(pts[0][0], pts[0][1]);
          pts.slice(1).forEach(function (p) { ctx.lineTo(p[0], p[1]); });
          ctx.closePath();
        }
        ctx.fill();
      } else if (op.op === "edge") {
        ctx.strokeStyle = op.color;
        ctx.globalAlpha = op.faded ? 0.6 : 1;
        ctx.lineWidth = 2.5 * s;
        ctx.setLineDash(dash(op.line, s));
        ctx.beginPath();
        ctx.moveTo(op.x1 * s, op.y1 * s);
        ctx.lineTo(op.x2 * s, op.y2 * s);
        ctx.stroke();
      }
      ctx.restore();
    });
  }

  function svgEl(doc, name, attrs) {
    var el = doc.createElementNS(SVG_NS, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    return el;
  }

  function drawOpsSvg(doc, root, ops, s) {
    var measureCtx = document.createElement("canvas").getContext("2d");
    ops.forEach(function (op) {
      if (op.op === "text") {
        measureCtx.font = op.weight + " " + (op.size * s) + "px " + pageFont();
        var text = cut(function (t) { return measureCtx.measureText(t).width; }, op.text,
                       op.maxWidth * s);
        var el = svgEl(doc, "text", {x: op.x * s, y: op.y * s, "font-family": pageFont(),
                                     "font-size": op.size * s, "font-weight": op.weight,
                                     fill: op.color, "dominant-baseline": "text-before-edge"});
        el.textContent = text;
        root.appendChild(el);
      } else if (op.op === "node") {
        var pts = shapePoints(op.shape, op.x * s, op.y * s, op.w * s, op.h * s);
        root.appendChild(pts === null
          ? svgEl(doc, "ellipse", {cx: (op.x + op.w / 2) * s, cy: (op.y + op.h / 2) * s,
                                   rx: op.w * s / 2, ry: op.h * s / 2, fill: op.color})
          : svgEl(doc, "polygon", {points: pts.map(function (p) { return p.join(","); })
                                   .join(" "), fill: op.color}));
      } else if (op.op === "edge") {
        var attrs = {x1: op.x1 * s, y1: op.y1 * s, x2: op.x2 * s, y2: op.y2 * s,
                     stroke: op.color, "stroke-width": 2.5 * s,
                     "stroke-opacity": op.faded ? 0.6 : 1};
        var pattern = dash(op.line, s);
        if (pattern.length) { attrs["stroke-dasharray"] = pattern.join(" "); }
        root.appendChild(svgEl(doc, "line", attrs));
      }
    });
  }

  function loadImage(uri) {
    return new Promise(function (resolve, reject) {
      var img = new Image();
      img.onload = function () { resolve(img); };
      img.onerror = function () { reject(new Error("the graph image did not decode")); };
      img.src = uri;
    });
  }

  /* The graph in its publication frame: a data URI (PNG/JPG) or SVG text. */
  function compose(cy, job) {
    var s = job.scale, frame = job.frame;
    var width = Math.floor(frame.width * s + 1e-9), height = Math.floor(frame.height * s + 1e-9);
    if (job.type === "svg") {
      var inner = new DOMParser().parseFromString(cy.svg(cyOptions(job, false)),
                                                  "image/svg+xml").documentElement;
      var doc = document.implementation.createDocument(SVG_NS, "svg", null);
      var root = doc.documentElement;
      root.setAttribute("width", width);
      root.setAttribute("height", height);
      if (job.bg) {
        root.appendChild(svgEl(doc, "rect", {x: 0, y: 0, width: width, height: height,
                                             fill: job.bg}));
      }
      inner.setAttribute("x", frame.graphX * s);
      inner.setAttribute("y", frame.graphY * s);
      root.appendChild(doc.importNode(inner, true));
      drawOpsSvg(doc, root, frame.ops, s);
      return Promise.resolve(new XMLSerializer().serializeToString(doc));
    }
    var graphUri = cy.png(cyOptions(job, false));
    return loadImage(graphUri).then(function (img) {
      var canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      var ctx = canvas.getContext("2d");
      if (job.bg) { ctx.fillStyle = job.bg; ctx.fillRect(0, 0, width, height); }
      ctx.drawImage(img, Math.round(frame.graphX * s), Math.round(frame.graphY * s));
      drawOpsCanvas(ctx, frame.ops, s);
      return job.type === "jpg" ? canvas.toDataURL("image/jpeg", job.quality || 0.92)
                                : canvas.toDataURL("image/png");
    });
  }

  /* The export a job asks for: framed when it has a frame, else the graph alone. */
  function render(cy, job) {
    return job.frame ? compose(cy, job) : Promise.resolve(graphImage(cy, job));
  }

  function toBlob(data, mime) {
    if (typeof data === "string" && data.indexOf("data:") === 0) {
      var comma = data.indexOf(",");
      var bytes = atob(data.slice(comma + 1));
      var buf = new Uint8Array(bytes.length);
      for (var i = 0; i < bytes.length; i++) { buf[i] = bytes.charCodeAt(i); }
      return new Blob([buf], {type: mime});
    }
    return new Blob([data], {type: mime});
  }

  function download(filename, data, mime) {
    var blob = toBlob(data, mime);
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    return blob.size;
  }

  return {findCy: findCy, measure: measure, visibleIds: visibleIds, drawnClasses: drawnClasses,
          graphImage: graphImage,
          compose: compose, render: render, download: download, toBlob: toBlob};
})();
