package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;

class FormatTest {
    @Test
    void numbersAreShortAndUnknownOnesAreADash() {
        assertEquals("0.1667", Format.number(1.0 / 6));
        assertEquals("1.235e-05", Format.number(1.2345e-5));
        assertEquals("2.000e+06", Format.number(2e6));
        assertEquals("0.0000", Format.number(0));
        assertEquals("-", Format.number(Double.NaN));
    }

    @Test
    void progressLineNamesEveryQuantity() {
        StepReport report = new StepReport("a", 200, 0.05, 0.05, 1.5, new double[0], new double[0], 812.4, 1000, Map.of());
        assertEquals("step 200/2000  loss 0.0500  mse 0.0500  |grad| 1.5000  812 steps/s",
                Format.progress(report, 2000, "mse", "adding"));
    }

    @Test
    void statusShowsStateRemediesSpecAndMessage() {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("task", "adding");
        spec.put("cell", "lstm");
        RunStatus status = new RunStatus("a", RunState.WAITING, spec, 12, 100, 0.25, 0.25, "mse", 3, Double.NaN,
                Map.of("clip-norm", Map.of("clipped", 1.0)), "waiting: cell 'lstm' disappeared", 1234);
        assertEquals("a  waiting  step 12/100  loss 0.2500  mse 0.2500  |grad| 3.0000  - steps/s\n"
                + "  remedy clip-norm clipped=1.0000\n"
                + "  spec task=adding cell=lstm\n"
                + "  waiting: cell 'lstm' disappeared", Format.status(status));
    }

    @Test
    void evaluationMentionsTheBaseline() {
        assertEquals("eval a: mse 0.0200 (baseline 0.1667), loss 0.0200 on 1024 sequences at step 2000",
                Format.evaluation(new Evaluation("a", 2000, 0.02, 0.02, "mse", 1.0 / 6, 1024), "adding"));
    }

    /** Cross-entropy in nats per character, and in bits and perplexity, as language models are compared. */
    @Test
    void aTextLossHasItsUnits() {
        assertEquals("eval t: accuracy 0.4400 (baseline 0.1500), loss 1.3863 nats/char (2.0000 bits/char, perplexity 4.0000)"
                + " on 256 sequences at step 300",
                Format.evaluation(new Evaluation("t", 300, Math.log(4), 0.44, "accuracy", 0.15, 256), "text"));
        assertEquals("0.6931 nats (1.0000 bits, perplexity 2.0000)", Format.loss(Math.log(2), "accuracy", "copy-memory"));
    }

    @Test
    void kindsAcceptSingularAndPlural() {
        assertEquals("cells", ComponentListing.kind("cell"));
        assertEquals("remedies", ComponentListing.kind("remedy"));
        assertEquals("optimizers", ComponentListing.kind("Optimizers"));
        assertEquals("unknown kind 'gates'; accepted: cells, initializers, optimizers, remedies, tasks, backends",
                assertThrows(RnnlabException.class, () -> ComponentListing.kind("gates")).getMessage());
    }

    @Test
    void progressSaysHowFarAndHowLong() {
        StepReport report = new StepReport("a", 500, 0.05, 0.05, 1.5, new double[0], new double[0], 100, 1000, Map.of());
        assertEquals("step 500/2000  loss 0.0500  mse 0.0500  |grad| 1.5000  100 steps/s  25%  0:05 elapsed, 0:15 left",
                Format.progress(report, 0, 2000, "mse", "adding", 5.2));
        assertEquals("1:01:01", Format.duration(3661));
        StepReport withRate = new StepReport("a", 500, 0.05, 0.05, 1.5, new double[0], new double[0], 100, 1000, Map.of(),
                null, null, 0.003);
        assertEquals("step 500/2000  loss 0.0500  mse 0.0500  |grad| 1.5000  100 steps/s  lr 0.0030  25%  0:05 elapsed, "
                + "0:15 left", Format.progress(withRate, 0, 2000, "mse", "adding", 5.2));
    }

    @Test
    void aRunThatTrainsOnAnotherMemberShowsItsLatestReportThere() {
        org.rnnlab.api.trainer.RunStatus copy = new org.rnnlab.api.trainer.RunStatus("g-2", org.rnnlab.api.trainer.RunState.READY,
                java.util.Map.of(), 0, 1000, Double.NaN, Double.NaN, "mse", Double.NaN, 0, java.util.Map.of(), "", 10);
        org.rnnlab.shell.grid.GridTraining.Elsewhere there = new org.rnnlab.shell.grid.GridTraining.Elsewhere("127.0.0.1:5802",
                300, 0.125, 0.125, 41.5);
        assertEquals("g-2  training on 127.0.0.1:5802  step 300/1000  loss 0.1250  mse 0.1250  42 steps/s  (rnn:cluster "
                + "shows the cluster)", Format.elsewhere(copy, there));
        assertEquals(null, Format.elsewhere(copy, null), "nothing known: the copy here is shown");
        org.rnnlab.api.trainer.RunStatus back = new org.rnnlab.api.trainer.RunStatus("g-2", org.rnnlab.api.trainer.RunState.READY,
                java.util.Map.of(), 1000, 1000, 0.01, 0.01, "mse", 0.1, 0, java.util.Map.of(), "", 10);
        assertEquals(null, Format.elsewhere(back, there), "a run brought back is shown as it is here");
        // a copy that never started here: the total from its spec; a run that has ended there, as ended
        org.rnnlab.api.trainer.RunStatus unstarted = new org.rnnlab.api.trainer.RunStatus("g-2",
                org.rnnlab.api.trainer.RunState.READY, java.util.Map.of("steps", "1000"), 0, 0, Double.NaN, Double.NaN,
                "mse", Double.NaN, 0, java.util.Map.of(), "", 10);
        assertEquals("g-2  training on 127.0.0.1:5802  step 300/1000  loss 0.1250  mse 0.1250  42 steps/s  (rnn:cluster "
                + "shows the cluster)", Format.elsewhere(unstarted, there));
        org.rnnlab.shell.grid.GridTraining.Elsewhere ended = new org.rnnlab.shell.grid.GridTraining.Elsewhere(
                "127.0.0.1:5802", 1000, 0.01, 0.01, 41.5);
        assertEquals("g-2  ended on 127.0.0.1:5802 at step 1000  loss 0.0100  mse 0.0100  (rnn:experiment resume=g "
                + "cluster=true collects it)", Format.elsewhere(unstarted, ended));
    }
}
