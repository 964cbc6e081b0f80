package org.rnnlab.plots.internal;

import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeriesCollection;
import org.rnnlab.api.trainer.StepReport;

/**
 * {@code what=gradients}: the global gradient norm and each layer's (directions apart, then the
 * output head's), before remedies, against the step; log scale, where an explosion or a slow
 * vanishing reads as a straight rise or fall.
 */
final class GradientsChart {
    private GradientsChart() {
    }

    static JFreeChart of(RunHistory history) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (StepReport r : history.reports()) {
            ChartStyle.add(data, "global", r.step(), r.gradientNorm(), true);
            double[] layers = r.layerGradientNorms();
            for (int i = 0; i < layers.length; i++) {
                ChartStyle.add(data, unitName(i, layers.length, history.spec()), r.step(), layers[i], true);
            }
        }
        ChartStyle.requirePoints(data, "run " + history.run() + " has no finite positive gradient norm to plot on a log scale");
        return ChartStyle.chart("run " + history.run() + ": gradient norms", history,
                ChartStyle.lines(data, ChartStyle.stepAxis(), ChartStyle.logAxis("gradient norm before remedies (log scale)"),
                        0), true);
    }

    /**
     * The name of entry {@code i} of {@link StepReport#layerGradientNorms}: the layers in order,
     * each direction apart in a bidirectional model, then the head; numbered when the spec does
     * not explain the count.
     */
    static String unitName(int i, int count, Map<String, String> spec) {
        int directions = "true".equals(spec.get("bidirectional")) ? 2 : 1;
        int layers = count - 1;
        try {
            layers = Integer.parseInt(spec.getOrDefault("layers", "1"));
        } catch (NumberFormatException e) {
            // an unexpected spec: the numbered names below
        }
        if (count != layers * directions + 1) {
            return "norm " + i;
        }
        if (i == count - 1) {
            return "head";
        }
        return "layer " + i / directions + (directions == 1 ? "" : i % directions == 0 ? " forward" : " backward");
    }
}
