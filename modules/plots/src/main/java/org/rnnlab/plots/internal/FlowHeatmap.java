package org.rnnlab.plots.internal;

import java.awt.Color;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.StepReport;

/**
 * {@code what=flow}: ‖dL/dh_t‖ through the last window of the first layer at every kept report,
 * time step t across (the loss at the right for tasks that score the last step) and training
 * step down, coloured on a log scale: a gradient that vanishes back in time is a fade to dark
 * on the left, one that explodes a glow. The colours are those of log10 of the norm, and the
 * scale beside the chart is labelled in powers of ten; a norm of zero or a non-finite one is
 * grey. At most {@value #MAX_ROWS} reports, evenly chosen, are drawn: more rows than the
 * chart's height in pixels would only make an SVG large.
 */
final class FlowHeatmap {
    static final int MAX_ROWS = 400;

    private FlowHeatmap() {
    }

    static JFreeChart of(RunHistory history) {
        List<StepReport> rows = evenly(history.reports().stream().filter(r -> r.hiddenGradientNorms().length > 0).toList());
        if (rows.isEmpty()) {
            throw new RnnlabException("run " + history.run() + " has reported no gradient norms through time yet");
        }
        Grid grid = Grid.of(rows);
        if (!(grid.lowest() <= grid.highest())) {
            throw new RnnlabException("run " + history.run() + " has no finite positive ||dL/dh_t|| to plot on a log scale");
        }
        ColourRamp colours = grid.lowest() < grid.highest() ? new ColourRamp(grid.lowest(), grid.highest())
                : new ColourRamp(grid.lowest() - 0.5, grid.highest() + 0.5);
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("log10 ||dL/dh_t||", grid.xyz());
        double rowHeight = rowHeight(rows);
        XYBlockRenderer blocks = new XYBlockRenderer();
        blocks.setPaintScale(colours);
        blocks.setBlockHeight(rowHeight);

        NumberAxis time = new NumberAxis("time step t in the last window (T = " + grid.window() + ")");
        time.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        time.setRange(-0.5, grid.window() - 0.5);
        NumberAxis steps = ChartStyle.stepAxis();
        steps.setInverted(true);
        steps.setRange(rows.get(0).step() - rowHeight / 2, rows.get(rows.size() - 1).step() + rowHeight / 2);
        XYPlot plot = new XYPlot(data, time, steps, blocks);
        plot.setBackgroundPaint(ColourRamp.MISSING);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);

        JFreeChart chart = ChartStyle.chart("run " + history.run() + ": ‖dL/dh_t‖ through time (layer 0, log colour scale)",
                history, plot, false);
        chart.addSubtitle(legend(colours));
        return chart;
    }

    /**
     * One cell per time step of each row: x = t, y = the report's step, z = log10 ‖dL/dh_t‖ (NaN
     * where the norm is zero or not finite), with the range of z and the longest window.
     */
    private record Grid(double[][] xyz, double lowest, double highest, int window) {
        static Grid of(List<StepReport> rows) {
            double[][] xyz = new double[3][rows.stream().mapToInt(r -> r.hiddenGradientNorms().length).sum()];
            double lowest = Double.POSITIVE_INFINITY;
            double highest = Double.NEGATIVE_INFINITY;
            int window = 0;
            int cell = 0;
            for (StepReport r : rows) {
                double[] norms = r.hiddenGradientNorms();
                window = Math.max(window, norms.length);
                for (int t = 0; t < norms.length; t++, cell++) {
                    double log = norms[t] > 0 && norms[t] < Double.POSITIVE_INFINITY ? Math.log10(norms[t]) : Double.NaN;
                    xyz[0][cell] = t;
                    xyz[1][cell] = r.step();
                    xyz[2][cell] = log;
                    if (!Double.isNaN(log)) {
                        lowest = Math.min(lowest, log);
                        highest = Math.max(highest, log);
                    }
                }
            }
            return new Grid(xyz, lowest, highest, window);
        }
    }

    private static PaintScaleLegend legend(ColourRamp colours) {
        NumberAxis scale = new NumberAxis("‖dL/dh_t‖");
        scale.setRange(colours.getLowerBound(), colours.getUpperBound());
        scale.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        scale.setNumberFormatOverride(new PowerOfTen());
        PaintScaleLegend legend = new PaintScaleLegend(colours, scale);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setSubdivisionCount(256);
        legend.setStripWidth(18);
        legend.setMargin(new RectangleInsets(40, 10, 60, 10));
        legend.setBackgroundPaint(Color.WHITE);
        return legend;
    }

    /** The usual spacing of the rows in steps (reports are evenly spaced but for the extra kept ones). */
    private static double rowHeight(List<StepReport> rows) {
        if (rows.size() < 2) {
            return 1;
        }
        long[] gaps = new long[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            gaps[i - 1] = rows.get(i).step() - rows.get(i - 1).step();
        }
        Arrays.sort(gaps);
        return Math.max(1, gaps[gaps.length / 2]);
    }

    /** At most {@link #MAX_ROWS} of the rows, evenly spaced, the first and the last among them. */
    static List<StepReport> evenly(List<StepReport> rows) {
        if (rows.size() <= MAX_ROWS) {
            return rows;
        }
        List<StepReport> chosen = new ArrayList<>(MAX_ROWS);
        for (int i = 0; i < MAX_ROWS; i++) {
            chosen.add(rows.get((int) Math.round((double) i * (rows.size() - 1) / (MAX_ROWS - 1))));
        }
        return chosen;
    }

    /** Labels an axis of log10 values with the values themselves, as {@link DecadeAxis} does: -3 reads 0.001. */
    private static final class PowerOfTen extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double exponent, StringBuffer out, FieldPosition position) {
            return out.append(DecadeAxis.label(Math.pow(10, exponent)));
        }

        @Override
        public StringBuffer format(long exponent, StringBuffer out, FieldPosition position) {
            return format((double) exponent, out, position);
        }

        @Override
        public Number parse(String source, ParsePosition position) {
            throw new UnsupportedOperationException("labels only");
        }
    }
}
