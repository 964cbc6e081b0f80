package org.rnnlab.plots.internal;

import java.awt.geom.Ellipse2D;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.rnnlab.api.trainer.StepReport;

/**
 * {@code what=loss}: the training loss of every kept report against the step and, where the run
 * evaluated held out ({@code eval.every=N}), the held-out loss as marked points; log scale, as a
 * loss falls by decades.
 */
final class LossChart {
    private static final String TRAINING = "training loss";
    private static final String HELD_OUT = "held-out loss";

    private LossChart() {
    }

    static JFreeChart of(RunHistory history) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (StepReport r : history.reports()) {
            ChartStyle.add(data, TRAINING, r.step(), r.loss(), true);
            if (r.evaluation() != null) {
                ChartStyle.add(data, HELD_OUT, r.evaluation().step(), r.evaluation().loss(), true);
            }
        }
        ChartStyle.requirePoints(data, "run " + history.run() + " has no finite positive loss to plot on a log scale");
        XYPlot plot = ChartStyle.lines(data, ChartStyle.stepAxis(), ChartStyle.logAxis("loss (log scale)"), 0);
        int heldOut = data.getSeriesIndex(HELD_OUT);
        if (heldOut >= 0) {
            XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
            renderer.setSeriesShapesVisible(heldOut, true);
            renderer.setSeriesShape(heldOut, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        return ChartStyle.chart("run " + history.run() + ": loss", history, plot, true);
    }
}
