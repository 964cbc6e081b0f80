package org.rnnlab.plots.internal;

import java.awt.Rectangle;
import java.nio.charset.StandardCharsets;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.rnnlab.core.files.HomeFiles;

/**
 * A chart as the content of a PNG (1000 × 600 pixels, for slides and the web) or an SVG file
 * (the same layout as vector drawing, for papers), drawn without a display.
 */
final class ChartFiles {
    static final int WIDTH = 1000;
    static final int HEIGHT = 600;

    private ChartFiles() {
    }

    /** An earlier chart of the format, which a new one may replace: a PNG by its signature, an SVG by its root element. */
    static HomeFiles.Kind kind(String format) {
        return format.equals("png")
                ? HomeFiles.Kind.startingWith("a PNG image", "\u0089PNG\r\n")
                : new HomeFiles.Kind("an SVG drawing", head -> head.contains("<svg"));
    }

    /** {@code format} is {@code png} or {@code svg}, as {@link HomeFiles#extension} returns it. */
    static HomeFiles.Content of(JFreeChart chart, String format) {
        if (format.equals("png")) {
            return out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        }
        return out -> {
            SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
            chart.draw(svg, new Rectangle(WIDTH, HEIGHT));
            out.write(svg.getSVGDocument().getBytes(StandardCharsets.UTF_8));
        };
    }
}
