package org.rnnlab.plots.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.Diagnostics;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;

/** Step reports as a run makes them, a trainer that knows one run, and exact comparison. */
final class Samples {
    static final Map<String, String> SPEC = Map.of("task", "adding", "length", "20", "cell", "rnn-tanh", "hidden", "8",
            "layers", "1", "bidirectional", "false", "optimizer", "adam", "lr", "0.001", "seed", "1", "log", "");

    private Samples() {
    }

    /**
     * {@code count} reports every 10 steps: a loss falling by decades, ‖dL/dh_t‖ vanishing back in
     * time over a window of 20, an evaluation every 5th report and diagnostics every 4th.
     */
    static List<StepReport> reports(String run, int count) {
        List<StepReport> reports = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long step = 10L * i;
            double[] flow = new double[20];
            for (int t = 0; t < flow.length; t++) {
                flow[t] = Math.pow(0.5, flow.length - 1 - t) / i;
            }
            Map<String, Map<String, Double>> remedies = Map.of("clip-norm", Map.of("clipped", (double) i));
            StepReport report = new StepReport(run, step, 1.0 / i, 0.5 / i, 2.0 / Math.sqrt(i), new double[] {1.5 / i, 0.25},
                    flow, 120.5, 120.5 * 32 * 20, remedies, i % 4 == 0 ? diagnostics(i) : null, null, 1e-3);
            reports.add(i % 5 == 0 ? report.withEvaluation(new Evaluation(run, step, 1.2 / i, 0.6 / i, "mse", 0.1667, 512))
                    : report);
        }
        return reports;
    }

    static Diagnostics diagnostics(int i) {
        return new Diagnostics(
                List.of(new Diagnostics.UnitFlow(0, 0, new double[] {1e-6 / i, 1e-3, 1}, new double[] {0.01, 1}, 0.25)),
                List.of(new Diagnostics.MatrixSpectrum("weight_hh_l0", "", 0.9 + 0.01 * i, 1.1)),
                List.of(new Diagnostics.ParameterStats("weight_hh_l0", 0.5, 4.0, 1e-3 * i),
                        new Diagnostics.ParameterStats("bias_hh_l0", 0, 0, 0)),
                1e-3);
    }

    /** Reports with every awkward value a file must keep: NaN, infinities, -0, tiny numbers, empty lists, a comma. */
    static List<StepReport> awkward() {
        Map<String, Map<String, Double>> remedies = new LinkedHashMap<>();
        remedies.put("nonfinite-guard", Map.of("skipped", Double.NaN, "limit", Double.POSITIVE_INFINITY));
        remedies.put("clip-norm", Map.of("scale", -0.0));
        Diagnostics diagnostics = new Diagnostics(
                List.of(new Diagnostics.UnitFlow(0, 1, new double[0], new double[] {Double.NaN, Double.MIN_VALUE}, Double.NaN)),
                List.of(new Diagnostics.MatrixSpectrum("w,\"odd\"", "f", Double.NaN, Double.NEGATIVE_INFINITY)),
                List.of(), Double.NaN);
        return List.of(
                new StepReport("a", 1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, new double[0],
                        new double[0], Double.NaN, -0.0, Map.of(), null, null, Double.NaN),
                new StepReport("a", 2, 0.1 + 0.2, 1e-300, Double.MAX_VALUE, new double[] {Double.NaN, 4.9e-324},
                        new double[] {1 / 3.0, Double.POSITIVE_INFINITY}, 1, 2, remedies, diagnostics,
                        new Evaluation("a", 2, Double.NaN, Double.NEGATIVE_INFINITY, "odd, \"name\"", Double.NaN, 0), 0.0));
    }

    /** A trainer that knows one run with these reports; of any other, it says what the real one says. */
    static Trainer trainer(String run, Map<String, String> spec, List<StepReport> reports) {
        return (Trainer) Proxy.newProxyInstance(Samples.class.getClassLoader(), new Class<?>[] {Trainer.class},
                (proxy, method, args) -> {
                    if (!args[0].equals(run)) {
                        throw new RnnlabException("no run named '" + args[0] + "'; runs: " + run);
                    }
                    switch (method.getName()) {
                        case "status":
                            return new RunStatus(run, RunState.FINISHED, spec, 0, 0, Double.NaN, Double.NaN, "mse",
                                    Double.NaN, Double.NaN, Map.of(), "", 0);
                        case "reports":
                            return reports;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** Equal to the bit: every component of every record, numbers by their bits, arrays by their elements. */
    static void assertExactlyEqual(Object expected, Object actual) {
        assertExactlyEqual(expected, actual, "");
    }

    private static void assertExactlyEqual(Object expected, Object actual, String where) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, where);
        } else if (expected instanceof double[] e) {
            assertTrue(Arrays.equals(e, (double[]) actual),
                    where + ": expected " + Arrays.toString(e) + " but was " + Arrays.toString((double[]) actual));
        } else if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            assertEquals(e.size(), a.size(), where + " size");
            for (int i = 0; i < e.size(); i++) {
                assertExactlyEqual(e.get(i), a.get(i), where + "[" + i + "]");
            }
        } else if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(e.keySet(), a.keySet(), where + " keys");
            for (Iterator<?> keys = e.keySet().iterator(); keys.hasNext();) {
                Object key = keys.next();
                assertExactlyEqual(e.get(key), a.get(key), where + "." + key);
            }
        } else if (expected.getClass().isRecord()) {
            assertEquals(expected.getClass(), actual.getClass(), where);
            for (RecordComponent c : expected.getClass().getRecordComponents()) {
                try {
                    assertExactlyEqual(c.getAccessor().invoke(expected), c.getAccessor().invoke(actual), where + "." + c.getName());
                } catch (ReflectiveOperationException ex) {
                    throw new AssertionError(ex);
                }
            }
        } else {
            assertEquals(expected, actual, where); // Double.equals compares bits: NaN equals NaN, -0.0 is not 0.0
        }
    }
}
