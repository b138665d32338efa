"""Images (PNG, JPG, SVG) drawn by headless Chromium with the app's cytoscape.js:

- `browser`: starting Chromium, and the offline page it draws in (with `headless.js`);
- `images`: `ImageRenderer`, one browser and one page for all the images of a run;
- `limits`: the canvas limit and the scale cap;
- `frame`: where a publication image's title, legend and source line go;
- `legend`, `publication`: what the legend and the source line say.
"""
