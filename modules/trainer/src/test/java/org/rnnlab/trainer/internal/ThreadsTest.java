package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.backend.Shares;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.trainer.internal.model.Objective;

/** threads=2 splits large products and the loss's rows between two threads and changes no bit of the result. */
class ThreadsTest {
    private final TrainerService trainer = Slice.trainer();

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    @ParameterizedTest
    @CsvSource({"java, false", "ejml, false", "java, true"})
    void twoThreadsTrainExactlyAsOne(String backend, boolean bidirectional) throws InterruptedException {
        trainOnOneAndTwoThreads(Map.of("cell", "lstm", "length", "10", "hidden", "40", "batch", "16", "backend",
                backend, "seed", "2", "eval", "32", "layers", "2", "bidirectional", String.valueOf(bidirectional)), 25);
        assertEquals(trainer.status("one").loss(), trainer.status("two").loss(), 0.0);
        assertEquals(trainer.evaluate("one").loss(), trainer.evaluate("two").loss(), 0.0);
    }

    /** Runs "one" and "two" of {@code spec}, on one thread and on two, for {@code steps} steps each. */
    private void trainOnOneAndTwoThreads(Map<String, String> spec, long steps) throws InterruptedException {
        trainer.create("one", spec);
        Map<String, String> two = new LinkedHashMap<>(spec);
        two.put("threads", "2");
        trainer.create("two", two);
        for (String run : new String[] {"one", "two"}) {
            trainer.start(run, steps);
            assertEquals(RunState.FINISHED, trainer.await(run, Duration.ofMinutes(2)).state());
        }
    }

    /** The text task's cross-entropy is large enough to spread its rows over the threads too. */
    @org.junit.jupiter.api.Test
    void twoThreadsScoreTextExactlyAsOne() throws InterruptedException {
        trainOnOneAndTwoThreads(Map.of("task", "text", "cell", "lstm", "length", "32", "hidden", "24", "batch", "32",
                "seed", "4", "eval", "64"), 12);
        assertEquals(trainer.status("one").loss(), trainer.status("two").loss(), 0.0);
        assertEquals(trainer.status("one").metric(), trainer.status("two").metric(), 0.0);
        assertEquals(trainer.evaluate("one").loss(), trainer.evaluate("two").loss(), 0.0);
    }

    @org.junit.jupiter.api.Test
    void moreThreadsThanProcessorsAreRefused() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals("run: threads=" + (cores + 1) + " is not accepted; expected an integer in [1, " + cores + "]",
                org.junit.jupiter.api.Assertions.assertThrows(RnnlabException.class,
                        () -> trainer.create("x", Map.of("threads", String.valueOf(cores + 1)))).getMessage());
    }

    /** The split itself: blocks of rows on other threads, for tall and wide products and every transpose. */
    @ParameterizedTest
    @CsvSource({"false,false,70,33", "false,true,70,33", "true,false,70,33", "true,true,70,33",
            "false,false,18,90", "false,true,18,90", "true,false,18,90", "true,true,18,90"})
    void splitProductsEqualTheWholeProduct(boolean transA, boolean transB, int m, int n) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            int k = 41;
            java.util.Random random = new java.util.Random(5);
            double[] a = random.doubles(m * k + 7).toArray();
            double[] b = random.doubles(n * k + 7).toArray();
            double[] whole = random.doubles(m * n).toArray();
            double[] split = whole.clone();
            int lda = transA ? m : k;
            int ldb = transB ? k : n;
            org.rnnlab.core.backend.JavaGemm.INSTANCE.gemm(transA, transB, m, n, k, 0.7, a, 3, lda, b, 5, ldb, 0.3, whole, 0, n);
            new ParallelGemm(org.rnnlab.core.backend.JavaGemm.INSTANCE, pool, 3)
                    .gemm(transA, transB, m, n, k, 0.7, a, 3, lda, b, 5, ldb, 0.3, split, 0, n);
            org.junit.jupiter.api.Assertions.assertArrayEquals(whole, split, 0.0);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Cross-entropy's rows spread over three threads give one thread's bits: every gradient
     * element, the loss and the accuracy, with masked rows, a tie and an infinite logit among them.
     */
    @org.junit.jupiter.api.Test
    void crossEntropyOnThreadsIsBitForBitOneThreads() {
        int classes = 65;
        int rows = Objective.SPLIT_LOGITS / classes + 37;
        Batch batch = new Batch(rows, 1, 1, classes, Loss.CROSS_ENTROPY, Readout.LAST);
        java.util.Random random = new java.util.Random(3);
        DMatrixRMaj logits = new DMatrixRMaj(rows, classes);
        for (int i = 0; i < logits.data.length; i++) {
            logits.data[i] = random.nextGaussian() * 4;
        }
        for (int row = 0; row < rows; row++) {
            batch.labels()[row] = random.nextInt(classes);
            batch.mask()[row] = row % 7 == 0 ? 0 : 1;
        }
        logits.data[5 * classes + 3] = logits.data[5 * classes + 4]; // a tie
        logits.data[9 * classes] = Double.POSITIVE_INFINITY;
        DMatrixRMaj oneThread = new DMatrixRMaj(rows, classes);
        Objective.Score expected = Objective.score(Loss.CROSS_ENTROPY, logits, batch, oneThread, new double[2 * rows],
                null);
        DMatrixRMaj threeThreads = new DMatrixRMaj(rows, classes);
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            ParallelGemm threads = new ParallelGemm(org.rnnlab.core.backend.JavaGemm.INSTANCE, pool, 3);
            Shares seeing = work -> threads.run(share -> {
                seen.add(Thread.currentThread());
                work.run(share);
            });
            assertEquals(expected, Objective.score(Loss.CROSS_ENTROPY, logits, batch, threeThreads,
                    new double[2 * rows], seeing));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, seen.size(), "each share on a thread of its own");
        for (int i = 0; i < oneThread.data.length; i++) {
            assertEquals(Double.doubleToRawLongBits(oneThread.data[i]), Double.doubleToRawLongBits(threeThreads.data[i]),
                    "gradient element " + i);
        }
    }
}
