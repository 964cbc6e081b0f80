package org.rnnlab.plots.internal;

import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYSeriesCollection;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.Diagnostics;
import org.rnnlab.api.trainer.StepReport;

/**
 * {@code what=diagnostics}, from the reports that carry diagnostics ({@code diagnostics=N}):
 * above, the spectral radius of every recurrent matrix (per gate for gated cells) against the
 * step, with the line at 1 past which a linear recurrence amplifies; below, the
 * update:parameter ratio ‖Δθ‖/‖θ‖ of every parameter that moved, on a log scale, with the usual
 * rule of thumb of about 1e-3 (too far below: the parameter barely learns; far above: unstable).
 * The two panels' colours continue one another, so no two curves share a colour up to ten.
 */
final class DiagnosticsChart {
    private DiagnosticsChart() {
    }

    static JFreeChart of(RunHistory history) {
        List<StepReport> diagnosed = history.diagnosed();
        if (diagnosed.isEmpty()) {
            throw new RnnlabException("run " + history.run() + " has no diagnostics; create it with diagnostics=N");
        }
        XYSeriesCollection radii = new XYSeriesCollection();
        XYSeriesCollection ratios = new XYSeriesCollection();
        for (StepReport r : diagnosed) {
            for (Diagnostics.MatrixSpectrum s : r.diagnostics().spectra()) {
                ChartStyle.add(radii, s.parameter() + (s.block().isEmpty() ? "" : " " + s.block()), r.step(),
                        s.spectralRadius(), false);
            }
            for (Diagnostics.ParameterStats p : r.diagnostics().parameters()) {
                ChartStyle.add(ratios, "Δθ/θ " + p.name(), r.step(), p.updateRatio(), true);
            }
        }
        NumberAxis radius = new NumberAxis("spectral radius");
        Range drawn = DatasetUtils.findRangeBounds(radii);
        if (drawn != null) { // the line at 1 always in view: whether the radii are near it is the point
            Range shown = Range.expandToInclude(drawn, 1);
            double margin = Math.max(0.05 * shown.getLength(), 0.05);
            radius.setRange(shown.getLowerBound() - margin, shown.getUpperBound() + margin);
        }
        XYPlot spectra = ChartStyle.lines(radii, null, radius, 0);
        spectra.addRangeMarker(ChartStyle.reference(1, "1: the edge of amplification"));
        XYPlot updates = ChartStyle.lines(ratios, null, ChartStyle.logAxis("update:parameter ratio (log scale)"),
                radii.getSeriesCount());
        updates.addRangeMarker(ChartStyle.reference(1e-3, "1e-3: rule of thumb"));

        CombinedDomainXYPlot both = new CombinedDomainXYPlot(ChartStyle.stepAxis());
        both.setGap(16);
        both.add(spectra, 1);
        both.add(updates, 1);
        return ChartStyle.chart("run " + history.run() + ": spectral radius and update:parameter ratio", history, both, true);
    }
}
