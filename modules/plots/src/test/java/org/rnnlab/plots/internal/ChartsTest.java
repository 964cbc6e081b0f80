package org.rnnlab.plots.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.trainer.StepReport;

/** What each chart draws from a run's history, checked on the chart's own data and scales. */
class ChartsTest {
    private final RunHistory history = new RunHistory("a", Samples.SPEC, Samples.reports("a", 40));

    @Test
    void lossHasTheTrainingCurveAndTheHeldOutPointsOnALogScale() {
        XYPlot plot = (XYPlot) LossChart.of(history).getPlot();
        XYDataset data = plot.getDataset();

        assertTrue(plot.getRangeAxis() instanceof LogAxis);
        assertEquals(2, data.getSeriesCount());
        assertEquals("training loss", data.getSeriesKey(0));
        assertEquals(40, data.getItemCount(0));
        assertEquals("held-out loss", data.getSeriesKey(1));
        assertEquals(8, data.getItemCount(1));
        assertEquals(1.2 / 5, data.getYValue(1, 0));
    }

    @Test
    void gradientsNameTheLayersAndTheHead() {
        XYDataset data = ((XYPlot) GradientsChart.of(history).getPlot()).getDataset();

        assertEquals(List.of("global", "layer 0", "head"), keys(data));
        assertEquals("layer 1 backward", GradientsChart.unitName(3, 5, java.util.Map.of("layers", "2", "bidirectional", "true")));
        assertEquals("norm 2", GradientsChart.unitName(2, 4, java.util.Map.of("layers", "1")));
    }

    @Test
    void flowIsAHeatmapOfTheLogOfTheNormWithTimeAcrossAndStepsDown() {
        JFreeChart chart = FlowHeatmap.of(history);
        XYPlot plot = (XYPlot) chart.getPlot();
        XYZDataset data = (XYZDataset) plot.getDataset();
        ColourRamp colours = (ColourRamp) ((XYBlockRenderer) plot.getRenderer()).getPaintScale();

        assertEquals(40 * 20, data.getItemCount(0));
        assertEquals(19, data.getXValue(0, 19));
        assertEquals(10, data.getYValue(0, 19));
        assertEquals(0, data.getZValue(0, 19), 1e-12); // ||dL/dh_19|| = 1 at step 10
        assertEquals(Math.log10(Math.pow(0.5, 19) / 40), colours.getLowerBound(), 1e-12);
        assertEquals(0, colours.getUpperBound(), 1e-12);
        assertTrue(plot.getRangeAxis().isInverted(), "training step runs down");
        assertTrue(chart.getSubtitles().stream().anyMatch(t -> t instanceof PaintScaleLegend));
    }

    @Test
    void theColourScaleRunsFromDarkToLightAndGreysOutMissingValues() {
        ColourRamp ramp = new ColourRamp(-6, 0);
        Color low = (Color) ramp.getPaint(-6);
        Color high = (Color) ramp.getPaint(0);

        assertEquals(new Color(0x440154), low);
        assertEquals(new Color(0xfde725), high);
        assertEquals(low, ramp.getPaint(-100));
        assertEquals(ColourRamp.MISSING, ramp.getPaint(Double.NaN));
        assertTrue(brightness((Color) ramp.getPaint(-3)) > brightness(low));
    }

    @Test
    void logAxesLabelPlainNumbersAndPowersOfTenBeyond() {
        assertEquals("0.2", DecadeAxis.label(0.2000000001));
        assertEquals("0.125", DecadeAxis.label(0.125));
        assertEquals("0.001", DecadeAxis.label(1e-3));
        assertEquals("150", DecadeAxis.label(150));
        assertEquals("1e-5", DecadeAxis.label(1e-5));
        assertEquals("2.5e6", DecadeAxis.label(2.5e6));
    }

    @Test
    void flowDrawsAtMostItsRowLimitEvenlyChosen() {
        List<StepReport> many = Samples.reports("a", FlowHeatmap.MAX_ROWS * 2 + 1);
        List<StepReport> rows = FlowHeatmap.evenly(many);

        assertEquals(FlowHeatmap.MAX_ROWS, rows.size());
        assertEquals(many.get(0), rows.get(0));
        assertEquals(many.get(many.size() - 1), rows.get(rows.size() - 1));
    }

    @Test
    void diagnosticsDrawSpectralRadiiAboveAndUpdateRatiosOfTrainedParametersBelow() {
        CombinedDomainXYPlot both = (CombinedDomainXYPlot) DiagnosticsChart.of(history).getPlot();
        List<XYPlot> panels = both.getSubplots();

        assertEquals(List.of("weight_hh_l0"), keys(panels.get(0).getDataset()));
        assertEquals(10, panels.get(0).getDataset().getItemCount(0)); // every 4th of 40 reports
        assertEquals(List.of("Δθ/θ weight_hh_l0"), keys(panels.get(1).getDataset())); // the frozen bias has no ratio
        assertTrue(panels.get(1).getRangeAxis() instanceof LogAxis);
    }

    private static List<Comparable<?>> keys(XYDataset data) {
        List<Comparable<?>> keys = new ArrayList<>();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            keys.add(data.getSeriesKey(i));
        }
        return keys;
    }

    private static float brightness(Color c) {
        return Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null)[2];
    }
}
