/* The headless page of `actorgraph export`: draws elements with a stylesheet and a layout in
 * the same cytoscape.js (and extensions) the app uses - dash-cytoscape's bundle - then hands
 * the drawing to export.js. dash-cytoscape does not export cytoscape itself, so the page
 * mounts one (empty) dash-cytoscape component with React and takes the constructor of the
 * cytoscape instance it creates. Math.random is seeded before each layout, so the same
 * command gives the same image.
 */
window.actorgraphHeadless = (function () {
  "use strict";
  var Core = null;
  var cy = null;

  function seedRandom(seed) {
    var a = seed >>> 0;
    Math.random = function () {  // mulberry32
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function boot() {
    if (Core) { return Promise.resolve(true); }
    var host = document.getElementById("boot");
    var root = ReactDOM.createRoot(host);
    root.render(React.createElement(window.dash_cytoscape.Cytoscape, {
      id: "boot", elements: [], setProps: function () {},
      style: {width: "10px", height: "10px"}}));
    return new Promise(function (resolve, reject) {
      var tries = 0;
      (function wait() {
        var found = window.actorgraphExport.findCy("boot");
        if (found) { Core = found.constructor; resolve(true); return; }
        if (++tries > 500) { reject(new Error("dash-cytoscape did not start")); return; }
        setTimeout(wait, 10);
      })();
    });
  }

  function draw(spec) {
    if (cy) { cy.destroy(); cy = null; }
    cy = new Core({container: document.getElementById("cy"), elements: spec.elements,
                   style: spec.stylesheet, layout: {name: "preset"},
                   boxSelectionEnabled: false});
    seedRandom(spec.seed || 1);
    var layout = cy.layout(Object.assign({}, spec.layout, {animate: false}));
    var done = layout.promiseOn("layoutstop");
    layout.run();
    return done.then(function () {
      var size = window.actorgraphExport.measure(cy, "full");
      return {w: size.w, h: size.h, nodes: cy.nodes().length, edges: cy.edges().length,
              labels: cy.nodes(":visible").map(function (n) { return String(n.data("label") || ""); })};
    });
  }

  function image(job) {
    return window.actorgraphExport.render(cy, job);
  }

  function positions() {
    var out = {};
    cy.nodes().forEach(function (n) { var p = n.position(); out[n.id()] = {x: p.x, y: p.y}; });
    return out;
  }

  return {boot: boot, draw: draw, image: image, positions: positions};
})();
