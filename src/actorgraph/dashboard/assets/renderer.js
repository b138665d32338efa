/* Large graphs stay fluid while a person pans or zooms them.
 *
 * From LARGE_GRAPH elements on, cytoscape.js is told to draw the graph as one still picture
 * while the viewport moves (`textureOnViewport`) and to redraw it sharp when the movement
 * stops; below that, every frame is drawn in full, as before. These are renderer options that
 * cytoscape.js reads once, from its constructor, and dash-cytoscape has no props for them; so
 * this script sets them on the renderer of every graph drawn in a container with the class
 * `ag-cytoscape` (the explorer's and the console's), when the graph appears and whenever
 * elements are added or removed.
 *
 * `hideEdgesOnViewport` is left off: cytoscape.js counts dragging a node as moving the
 * viewport, so it would hide the edges of the node a person is dragging, which is what they
 * are looking at. `window.actorgraphRenderer.largeGraph` is the threshold (tests change it).
 */
window.actorgraphRenderer = (function () {
  "use strict";
  var api = {largeGraph: 1000, tune: tune};

  function cyOf(host) {
    var reg = host._cyreg;
    return reg && reg.cy && !reg.cy.destroyed() ? reg.cy : null;
  }

  /* The renderer's options for the graph's current size. */
  function tune(cy) {
    var renderer = cy.renderer();
    if (!renderer) { return; }
    renderer.textureOnViewport = cy.elements().length >= api.largeGraph;
  }

  function attach(cy) {
    if (cy.scratch("_agRenderer")) { return; }
    cy.scratch("_agRenderer", true);
    var pending = false;
    cy.on("add remove", function () {  /* one update per batch of changes */
      if (pending) { return; }
      pending = true;
      window.setTimeout(function () { pending = false; if (!cy.destroyed()) { tune(cy); } }, 0);
    });
    tune(cy);
  }

  function scan() {
    var hosts = document.querySelectorAll(".ag-cytoscape");
    for (var i = 0; i < hosts.length; i++) {
      var cy = cyOf(hosts[i]);
      if (cy) { attach(cy); }
    }
  }

  /* A graph appears when Dash mounts its component (page loads, page changes): cytoscape.js
   * then adds its canvases to the container, which this observer sees. */
  new MutationObserver(scan).observe(document.documentElement, {childList: true, subtree: true});
  scan();
  return api;
})();
