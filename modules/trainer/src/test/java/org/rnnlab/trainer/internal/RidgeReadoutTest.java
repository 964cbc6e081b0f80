package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.testkit.DeclarativeComponents;
import org.rnnlab.trainer.internal.model.Network;
import org.rnnlab.trainer.internal.model.Workspace;

/** readout=ridge: the head solves the regularized normal equations of the data seen so far. */
class RidgeReadoutTest {
    private static final double LAMBDA = 1e-3;
    private final TrainerService trainer = Slice.trainer();

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    private static Map<String, String> spec() {
        return Map.of("length", "10", "hidden", "12", "batch", "16", "readout", "ridge", "ridge", String.valueOf(LAMBDA),
                "eval", "64", "seed", "4");
    }

    /** After one batch, Xᵀ(Xw − y) + λw = 0 for the features x = (h_T, 1) of that batch. */
    @Test
    void oneStepSolvesTheNormalEquationsOfItsBatch() throws InterruptedException {
        trainer.create("r", spec());
        trainer.start("r", 1);
        assertEquals(RunState.FINISHED, trainer.await("r", Duration.ofMinutes(1)).state());
        Network net = trainer.run("r").betweenSteps(state -> state.network);

        TaskSession task = DeclarativeComponents.onClassPath().find(Task.class, "adding").orElseThrow()
                .open(Options.of("adding", Map.of("length", "10")));
        Batch batch = new Batch(16, 10, 2, 1, task.loss(), task.readout());
        task.fill(batch, Split.TRAIN, 0, Xoshiro256.stream(4, "train"));
        Workspace ws = net.newWorkspace(16, 10, Readout.LAST);
        net.forward(ws, batch.inputs(), Readout.LAST);
        DMatrixRMaj top = ws.output(0);
        int offset = net.featureOffset(ws, Readout.LAST);

        double[] w = new double[13];
        System.arraycopy(net.headWeight.value().data, 0, w, 0, 12);
        w[12] = net.headBias.value().data[0];
        double[] normal = new double[13];
        double scale = 0;
        for (int r = 0; r < 16; r++) {
            double[] x = new double[13];
            System.arraycopy(top.data, offset + r * 12, x, 0, 12);
            x[12] = 1;
            double residual = -batch.targets().data[r];
            for (int j = 0; j < 13; j++) {
                residual += x[j] * w[j];
            }
            for (int j = 0; j < 13; j++) {
                normal[j] += x[j] * residual;
                scale = Math.max(scale, Math.abs(x[j] * batch.targets().data[r]));
            }
        }
        for (int j = 0; j < 13; j++) {
            assertEquals(0, normal[j] + LAMBDA * w[j], 1e-10 * Math.max(1, scale), "component " + j);
        }
    }

    @Test
    void aResumedRidgeRunContinuesExactly() throws InterruptedException {
        trainer.create("straight", spec());
        trainer.start("straight", 6);
        trainer.await("straight", Duration.ofMinutes(1));
        trainer.create("halves", spec());
        trainer.start("halves", 3);
        trainer.await("halves", Duration.ofMinutes(1));
        Path file = trainer.save("halves", folder.resolve("h.ckpt"));
        trainer.remove("halves");
        trainer.load(file, "halves");
        trainer.start("halves", 3);
        assertEquals(RunState.FINISHED, trainer.await("halves", Duration.ofMinutes(1)).state());
        assertEquals(trainer.status("straight").loss(), trainer.status("halves").loss(), 0.0);
        assertEquals(trainer.evaluate("straight").loss(), trainer.evaluate("halves").loss(), 0.0);
        assertTrue(trainer.evaluate("halves").loss() < 1.0 / 6, "the fitted head beats the baseline");
    }

    @Test
    void ridgeAndTruncationDoNotMix() {
        Map<String, String> spec = new java.util.HashMap<>(spec());
        spec.put("remedies", "tbptt:k=5");
        assertEquals("readout=ridge fits the head on whole sequences; it does not combine with a window remedy such as tbptt",
                assertThrows(RnnlabException.class, () -> trainer.create("x", spec)).getMessage());
    }
}
