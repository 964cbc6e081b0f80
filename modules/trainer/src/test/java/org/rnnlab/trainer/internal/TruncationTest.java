package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.api.optim.UpdateRule;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.api.remedy.Truncation;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.trainer.internal.model.Network;
import org.rnnlab.trainer.internal.model.Workspace;
import org.rnnlab.trainer.internal.model.Objective;

/**
 * Truncated BPTT (Williams &amp; Peng 1990): the update of each window is the gradient of the
 * loss of its last k1 steps, back-propagated through at most k2 steps, with the state entering
 * the window held constant. Checked against central finite differences of exactly that loss.
 */
class TruncationTest {
    private static final int LENGTH = 7;
    private static final int BATCH = 2;
    private final TrainerService trainer = Slice.trainer();
    /** Every gradient the recording optimizer was given, per update, per parameter. */
    private final List<List<DMatrixRMaj>> updates = new ArrayList<>();

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    /** Echo: the target at step t is the input at step t-1; a loss at every step. */
    private static final Task ECHO = options -> new TaskSession() {
        @Override
        public int inputSize() {
            return 1;
        }

        @Override
        public int outputSize() {
            return 1;
        }

        @Override
        public int length() {
            return LENGTH;
        }

        @Override
        public Loss loss() {
            return Loss.MSE;
        }

        @Override
        public Readout readout() {
            return Readout.EVERY;
        }

        @Override
        public void fill(Batch batch, Split split, long index, RandomSource rng) {
            double[] x = batch.inputs().data;
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextGaussian();
            }
            for (int row = 0; row < x.length; row++) {
                batch.targets().data[row] = row < batch.batch() ? 0 : x[row - batch.batch()];
            }
        }
    };

    private final Optimizer recording = options -> new UpdateRule() {
        private List<DMatrixRMaj> current;

        @Override
        public List<SlotSpec> slots() {
            return List.of();
        }

        @Override
        public double learningRate(long step) {
            return 1;
        }

        @Override
        public void apply(DMatrixRMaj param, DMatrixRMaj grad, DMatrixRMaj[] slots, double lr) {
            if (current == null || current.size() == parameterCount) {
                current = new ArrayList<>();
                updates.add(current);
            }
            current.add(grad.copy()); // parameters never change, so every window sees the same ones
        }
    };
    private int parameterCount;

    private static GradientRemedy window(int k1, int k2) {
        return options -> new Remedy() {
            @Override
            public HookPoint hookPoint() {
                return HookPoint.WINDOW;
            }

            @Override
            public Truncation truncation() {
                return new Truncation(k1, k2);
            }
        };
    }

    @ParameterizedTest(name = "k1={0} k2={1} layers={2} bidirectional={3}")
    @CsvSource({"3, 3, 1, false", "2, 4, 2, false", "7, 7, 1, false", "3, 6, 1, true"})
    void eachWindowUpdatesWithTheGradientOfItsOwnLoss(int k1, int k2, int layers, boolean bidirectional)
            throws InterruptedException {
        trainer.addTask(ECHO, null, Slice.named("echo"));
        trainer.addOptimizer(recording, null, Slice.named("record"));
        trainer.addRemedy(window(k1, k2), null, Slice.named("window"));
        Map<String, String> spec = new LinkedHashMap<>(Map.of("task", "echo", "optimizer", "record", "hidden", "3",
                "batch", String.valueOf(BATCH), "layers", String.valueOf(layers), "remedies", "window", "seed", "5"));
        spec.put("bidirectional", String.valueOf(bidirectional));
        trainer.create("t", spec);
        Network net = trainer.run("t").betweenSteps(state -> state.network);
        parameterCount = net.parameters().size();
        trainer.start("t", 1);
        assertEquals(RunState.FINISHED, trainer.await("t", java.time.Duration.ofMinutes(1)).state());

        Batch batch = new Batch(BATCH, LENGTH, 1, 1, Loss.MSE, Readout.EVERY);
        ECHO.open(null).fill(batch, Split.TRAIN, 0, Xoshiro256.stream(5, "train"));
        int windows = (LENGTH + k1 - 1) / k1;
        assertEquals(windows, updates.size(), "one update per window");
        for (int w = 1; w <= windows; w++) {
            int end = Math.min(w * k1, LENGTH);
            int start = Math.max(0, w - k2 / k1) * k1;
            int lossFrom = (w - 1) * k1;
            DMatrixRMaj[][] entering = stateAt(net, batch, start);
            for (int p = 0; p < parameterCount; p++) {
                DMatrixRMaj value = net.parameters().get(p).value();
                DMatrixRMaj recorded = updates.get(w - 1).get(p);
                for (int i = 0; i < value.data.length; i++) {
                    double saved = value.data[i];
                    value.data[i] = saved + 1e-6;
                    double plus = windowLoss(net, batch, entering, start, end, lossFrom);
                    value.data[i] = saved - 1e-6;
                    double minus = windowLoss(net, batch, entering, start, end, lossFrom);
                    value.data[i] = saved;
                    double numeric = (plus - minus) / 2e-6;
                    assertEquals(numeric, recorded.data[i], 1e-7 * Math.max(1, Math.abs(numeric)),
                            "window " + w + " " + net.parameters().get(p).name() + "[" + i + "]");
                }
            }
        }
    }

    /** The forward state after {@code steps} steps of the untruncated forward pass. */
    private static DMatrixRMaj[][] stateAt(Network net, Batch batch, int steps) {
        Workspace ws = net.newWorkspace(BATCH, LENGTH, Readout.EVERY);
        DMatrixRMaj[][] state = ws.newState();
        if (steps > 0) {
            ws.window(steps);
            ws.resetState();
            net.forward(ws, batch.inputs(), Readout.EVERY);
            ws.saveFinalState(state);
        }
        return state;
    }

    /** The mean squared error of steps [lossFrom, end), run from {@code entering} at step start. */
    private static double windowLoss(Network net, Batch batch, DMatrixRMaj[][] entering, int start, int end, int lossFrom) {
        int size = end - start;
        Workspace ws = net.newWorkspace(BATCH, size, Readout.EVERY);
        Batch window = new Batch(BATCH, size, 1, 1, Loss.MSE, Readout.EVERY);
        System.arraycopy(batch.inputs().data, start * BATCH, window.inputs().data, 0, size * BATCH);
        System.arraycopy(batch.targets().data, start * BATCH, window.targets().data, 0, size * BATCH);
        java.util.Arrays.fill(window.mask(), 0, (lossFrom - start) * BATCH, 0.0);
        ws.startFrom(entering);
        net.forward(ws, window.inputs(), Readout.EVERY);
        return Objective.score(Loss.MSE, ws, window, false, null).loss();
    }

    /** Washout masks the first steps: with washout=6 of 7 only the last step's loss remains. */
    @org.junit.jupiter.api.Test
    void washoutLeavesOnlyTheLaterStepsInTheLoss() throws InterruptedException {
        trainer.addTask(ECHO, null, Slice.named("echo"));
        trainer.addOptimizer(recording, null, Slice.named("record"));
        trainer.create("w", Map.of("task", "echo", "optimizer", "record", "hidden", "3", "batch", String.valueOf(BATCH),
                "washout", "6", "seed", "5"));
        Network net = trainer.run("w").betweenSteps(state -> state.network);
        parameterCount = net.parameters().size();
        trainer.start("w", 1);
        assertEquals(RunState.FINISHED, trainer.await("w", java.time.Duration.ofMinutes(1)).state());
        Batch batch = new Batch(BATCH, LENGTH, 1, 1, Loss.MSE, Readout.EVERY);
        ECHO.open(null).fill(batch, Split.TRAIN, 0, Xoshiro256.stream(5, "train"));
        double expected = windowLoss(net, batch, stateAt(net, batch, 0), 0, LENGTH, 6);
        assertEquals(expected, trainer.status("w").loss(), 1e-12);
        org.rnnlab.api.RnnlabException tooLong = org.junit.jupiter.api.Assertions.assertThrows(
                org.rnnlab.api.RnnlabException.class, () -> trainer.create("x", Map.of("task", "echo", "washout", "7")));
        assertEquals("washout=7 leaves no target in sequences of 7 steps; accepted: 0 to 6", tooLong.getMessage());
    }
}
