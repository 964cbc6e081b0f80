// The gradient-flow heatmap: one row per report (training step, downwards), one column per
// time step t (across), colour = log10 of the norm. Vanishing shows as a dark left side that
// spreads as training goes on; exploding as a bright band.
"use strict";

const Heatmap = (() => {
  // viridis, sampled at five stops: perceptually even, readable in print and by the colour-blind
  const STOPS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const MARGIN = { left: 70, right: 90, top: 10, bottom: 36 };

  function colour(f) {
    const x = Math.min(Math.max(f, 0), 1) * (STOPS.length - 1);
    const i = Math.min(Math.floor(x), STOPS.length - 2);
    const w = x - i;
    return STOPS[i].map((c, k) => Math.round(c + w * (STOPS[i + 1][k] - c)));
  }

  function positiveLogRange(rows) {
    let lo = Infinity, hi = -Infinity;
    for (const row of rows) {
      for (const v of row.values) {
        if (v > 0 && isFinite(v)) {
          const l = Math.log10(v);
          if (l < lo) lo = l;
          if (l > hi) hi = l;
        }
      }
    }
    return lo === Infinity ? null : [lo, hi > lo ? hi : lo + 1];
  }

  /** Draws rows [{step, values}] on the canvas; returns the number of cells painted. */
  function draw(canvas, rows, xLabel) {
    const g = canvas.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, canvas.width, canvas.height);
    const width = rows.reduce((m, r) => Math.max(m, r.values.length), 0);
    const range = positiveLogRange(rows);
    if (rows.length === 0 || width === 0 || range === null) {
      return 0;
    }
    const [lo, hi] = range;
    const cells = new ImageData(width, rows.length);
    let painted = 0;
    rows.forEach((row, y) => {
      row.values.forEach((v, x) => {
        const at = 4 * (y * width + x);
        if (v > 0 && isFinite(v)) {
          const [r, gr, b] = colour((Math.log10(v) - lo) / (hi - lo));
          cells.data.set([r, gr, b, 255], at);
          painted++;
        } else {
          cells.data.set([200, 200, 200, 255], at); // zero or not finite: grey
        }
      });
    });
    const plot = { x: MARGIN.left, y: MARGIN.top, w: canvas.width - MARGIN.left - MARGIN.right,
                   h: canvas.height - MARGIN.top - MARGIN.bottom };
    const image = document.createElement("canvas");
    image.width = width;
    image.height = rows.length;
    image.getContext("2d").putImageData(cells, 0, 0);
    g.imageSmoothingEnabled = false;
    g.drawImage(image, plot.x, plot.y, plot.w, plot.h);
    axes(g, plot, rows, width, xLabel);
    colourBar(g, plot, lo, hi);
    return painted;
  }

  function axes(g, plot, rows, width, xLabel) {
    g.fillStyle = "#222";
    g.font = "12px system-ui, sans-serif";
    g.textAlign = "center";
    g.fillText("0", plot.x, plot.y + plot.h + 14);
    g.fillText(String(width - 1), plot.x + plot.w, plot.y + plot.h + 14);
    g.fillText(xLabel + " →", plot.x + plot.w / 2, plot.y + plot.h + 28);
    g.textAlign = "right";
    g.fillText("step " + rows[0].step, plot.x - 6, plot.y + 10);
    g.fillText("step " + rows[rows.length - 1].step, plot.x - 6, plot.y + plot.h);
    g.save();
    g.translate(14, plot.y + plot.h / 2);
    g.rotate(-Math.PI / 2);
    g.textAlign = "center";
    g.fillText("training step ↓", 0, 0);
    g.restore();
  }

  function colourBar(g, plot, lo, hi) {
    const x = plot.x + plot.w + 16, w = 14;
    for (let i = 0; i < plot.h; i++) {
      const [r, gr, b] = colour(1 - i / (plot.h - 1));
      g.fillStyle = `rgb(${r},${gr},${b})`;
      g.fillRect(x, plot.y + i, w, 1);
    }
    g.fillStyle = "#222";
    g.textAlign = "left";
    g.fillText("1e" + hi.toFixed(1), x + w + 4, plot.y + 10);
    g.fillText("1e" + lo.toFixed(1), x + w + 4, plot.y + plot.h);
  }

  return { draw };
})();
