package org.rnnlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.Diagnostics;
import org.rnnlab.api.trainer.StepReport;

/**
 * {@code rnn:gradients} with {@code layer=} and {@code rnn:diagnostics}: the step report's
 * diagnostics as text for the terminal, and as tidy CSV (one value a row:
 * {@code step,kind,name,index,metric,value}) for a plotting tool.
 */
final class DiagnosticsReport {
    private DiagnosticsReport() {
    }

    static Diagnostics.UnitFlow unit(StepReport report, int layer, int direction) {
        return report.diagnostics().units().stream().filter(u -> u.layer() == layer && u.direction() == direction)
                .findFirst().orElseThrow(() -> new RnnlabException("run " + report.run() + " has no layer " + layer
                        + (direction == 1 ? " reverse direction" : "") + "; layers: 0 to "
                        + (report.diagnostics().units().stream().mapToInt(Diagnostics.UnitFlow::layer).max().orElse(0))
                        + (report.diagnostics().units().stream().anyMatch(u -> u.direction() == 1) ? ", direction 0 or 1" : "")));
    }

    /** Both charts of one unit: the gradient through time, and how much of h_k reaches h_T. */
    static String gradients(StepReport report, Diagnostics.UnitFlow unit) {
        String where = "layer " + unit.layer() + (unit.direction() == 1 ? " (reverse)" : "");
        String first = GradientChart.render(String.format(Locale.ROOT, "run %s, step %d: ||dL/dh_t|| over the last window of %s",
                report.run(), report.step(), where), "t", unit.hiddenGradientNorms());
        String second = GradientChart.render(String.format(Locale.ROOT,
                "||dh_T/dh_k||, T the window's last step, same window (a random direction at T, mean over the batch)"),
                "k", unit.jacobianNorms());
        return first + "\n" + second;
    }

    static String text(StepReport report) {
        Diagnostics d = report.diagnostics();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "run %s, step %d: learning rate %s%n",
                report.run(), report.step(), Format.number(d.learningRate())));
        List<String[]> units = new ArrayList<>();
        units.add(new String[] {"UNIT", "|dL/dh| LAST", "|dL/dh| FIRST", "|dh_T/dh_0|", "SATURATED"});
        for (Diagnostics.UnitFlow u : d.units()) {
            double[] h = u.hiddenGradientNorms();
            units.add(new String[] {"l" + u.layer() + (u.direction() == 1 ? ".reverse" : ""), Format.number(h[h.length - 1]),
                    Format.number(h[0]), Format.number(u.jacobianNorms()[0]), Format.number(u.saturation())});
        }
        out.append(Format.table(units)).append('\n');
        if (!d.spectra().isEmpty()) {
            List<String[]> spectra = new ArrayList<>();
            spectra.add(new String[] {"RECURRENT", "GATE", "RADIUS", "||W||_2"});
            for (Diagnostics.MatrixSpectrum s : d.spectra()) {
                spectra.add(new String[] {s.parameter(), s.block().isEmpty() ? "-" : s.block(),
                        Format.number(s.spectralRadius()), Format.number(s.largestSingularValue())});
            }
            out.append(Format.table(spectra)).append('\n');
        }
        List<String[]> params = new ArrayList<>();
        params.add(new String[] {"PARAMETER", "|GRAD|", "|VALUE|", "UPDATE/VALUE", "LOG10"});
        for (Diagnostics.ParameterStats p : d.parameters()) {
            params.add(new String[] {p.name(), Format.number(p.gradientNorm()), Format.number(p.valueNorm()),
                    Format.number(p.updateRatio()), p.updateRatio() > 0 && Double.isFinite(p.updateRatio())
                            ? String.format(Locale.ROOT, "%.1f", Math.log10(p.updateRatio())) : "-"});
        }
        return out.append(Format.table(params)).toString();
    }

    /** The first line of {@link #csv}, by which a later write knows an earlier file of it. */
    static final String CSV_HEADER = "step,kind,name,index,metric,value\n";

    static String csv(StepReport report) {
        Diagnostics d = report.diagnostics();
        StringBuilder out = new StringBuilder(CSV_HEADER);
        long step = report.step();
        row(out, step, "run", report.run(), 0, "learning_rate", d.learningRate());
        for (Diagnostics.UnitFlow u : d.units()) {
            String name = "l" + u.layer() + (u.direction() == 1 ? ".reverse" : "");
            for (int t = 0; t < u.hiddenGradientNorms().length; t++) {
                row(out, step, "unit", name, t, "hidden_gradient_norm", u.hiddenGradientNorms()[t]);
                row(out, step, "unit", name, t, "jacobian_norm", u.jacobianNorms()[t]);
            }
            row(out, step, "unit", name, 0, "saturation", u.saturation());
        }
        for (Diagnostics.MatrixSpectrum s : d.spectra()) {
            String name = s.parameter() + (s.block().isEmpty() ? "" : "[" + s.block() + "]");
            row(out, step, "spectrum", name, 0, "spectral_radius", s.spectralRadius());
            row(out, step, "spectrum", name, 0, "largest_singular_value", s.largestSingularValue());
        }
        for (Diagnostics.ParameterStats p : d.parameters()) {
            row(out, step, "parameter", p.name(), 0, "gradient_norm", p.gradientNorm());
            row(out, step, "parameter", p.name(), 0, "value_norm", p.valueNorm());
            row(out, step, "parameter", p.name(), 0, "update_ratio", p.updateRatio());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, long step, String kind, String name, int index, String metric, double value) {
        out.append(step).append(',').append(kind).append(',').append(name).append(',').append(index).append(',')
                .append(metric).append(',').append(value).append('\n');
    }
}
