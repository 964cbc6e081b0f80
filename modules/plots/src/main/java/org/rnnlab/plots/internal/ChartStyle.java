package org.rnnlab.plots.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rnnlab.api.RnnlabException;

/**
 * The look every rnnlab chart shares, chosen for papers and slides: white background, a title
 * naming the run and a subtitle with its setup, colours that stay apart in print, and
 * logarithmic axes with a tick at every power of ten for the quantities that span decades.
 */
final class ChartStyle {
    /** Tableau's ten colours: distinct on screen and in greyscale print; JFreeChart's own set has a pale yellow. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};
    private static final Color GRID = new Color(0xdddddd);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** The spec keys named under the title, in this order, when set. */
    private static final List<String> SETUP = List.of("task", "length", "cell", "hidden", "layers", "bidirectional",
            "optimizer", "lr", "remedies", "batch", "seed");

    private ChartStyle() {
    }

    static JFreeChart chart(String title, RunHistory history, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(setup(history.spec()), SUBTITLE));
        return chart;
    }

    /** Lines through the points of each series; colours from the palette starting at {@code firstColour}. */
    static XYPlot lines(XYSeriesCollection data, ValueAxis x, ValueAxis y, int firstColour) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[(firstColour + i) % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        return plot;
    }

    /** Training steps, labelled alike in every locale (1,000). */
    static NumberAxis stepAxis() {
        NumberAxis axis = new NumberAxis("training step");
        axis.setAutoRangeIncludesZero(false);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        return axis;
    }

    /** A base-10 logarithmic axis ({@link DecadeAxis}); only finite positive values can be drawn on it ({@link #add}). */
    static DecadeAxis logAxis(String label) {
        return new DecadeAxis(label);
    }

    /**
     * Adds (x, y) to the series of {@code data} named {@code key}, made on first use, when the
     * axis can show y: a non-finite value is left out, and on a log axis also zero and negatives.
     * So a curve without a single point has no entry in the legend either.
     */
    static void add(XYSeriesCollection data, String key, double x, double y, boolean logScale) {
        if (!Double.isFinite(y) || logScale && y <= 0) {
            return;
        }
        int index = data.getSeriesIndex(key);
        if (index < 0) {
            data.addSeries(new XYSeries(key, false, true));
            index = data.getSeriesCount() - 1;
        }
        data.getSeries(index).add(x, y);
    }

    /** Refuses to draw a chart without a single point. */
    static void requirePoints(XYSeriesCollection data, String whenEmpty) {
        for (int i = 0; i < data.getSeriesCount(); i++) {
            if (data.getItemCount(i) > 0) {
                return;
            }
        }
        throw new RnnlabException(whenEmpty);
    }

    /** A dashed horizontal reference line with its meaning written on it. */
    static ValueMarker reference(double value, String label) {
        ValueMarker marker = new ValueMarker(value, Color.DARK_GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        marker.setLabel(label);
        marker.setLabelFont(SUBTITLE);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 200));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return marker;
    }

    /** The run's setup in one line: {@code task=adding length=50 cell=rnn-tanh hidden=32 ...}. */
    static String setup(Map<String, String> spec) {
        return SETUP.stream().filter(k -> spec.get(k) != null && !spec.get(k).isEmpty()
                && !(k.equals("bidirectional") && spec.get(k).equals("false")))
                .map(k -> k + "=" + spec.get(k)).collect(Collectors.joining(" "));
    }
}
