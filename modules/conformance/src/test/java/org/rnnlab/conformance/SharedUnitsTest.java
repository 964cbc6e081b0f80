package org.rnnlab.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.Shares;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.core.backend.JavaGemm;
import org.rnnlab.testkit.DeclarativeComponents;

/**
 * Every built-in cell computes the same bits when a run's threads split its window
 * ({@link Shares}) as on one thread: forward outputs and final state, and every gradient of
 * backward, for dense and for one-hot inputs, with two and three shares on real threads that
 * meet at a barrier, as the trainer's do. A batch of two with three threads splits the units (the
 * shares meet at every step, the MGU's twice); batches of two and five with two threads, and of
 * five with three, split the sequences (the shares meet once the recurrence is done).
 */
class SharedUnitsTest {
    private static final DeclarativeComponents COMPONENTS = DeclarativeComponents.onClassPath();
    private static final ExecutorService POOL = Executors.newCachedThreadPool();
    private static final int INPUT = 5;
    private static final int STEPS = 6;

    @AfterAll
    static void stopPool() throws InterruptedException {
        POOL.shutdownNow();
        assertTrue(POOL.awaitTermination(10, TimeUnit.SECONDS));
    }

    static List<Arguments> cells() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : COMPONENTS.names(CellType.class)) {
            for (int threads : new int[] {2, 3}) {
                for (int batch : new int[] {2, 5}) {
                    for (int hidden : new int[] {12, 17}) {
                        for (boolean oneHot : new boolean[] {false, true}) {
                            cases.add(Arguments.of(name, threads, batch, hidden, oneHot));
                        }
                    }
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1} threads, batch {2}, hidden {3}, one-hot {4}")
    @MethodSource("cells")
    void sharesComputeTheBitsOfOneThread(String name, int threads, int batch, int hidden, boolean oneHot) {
        CellType type = COMPONENTS.require(CellType.class, name);
        Window whole = new Window(type, batch, hidden, JavaGemm.INSTANCE, oneHot);
        ThreadedBackend threaded = new ThreadedBackend(threads);
        Window shared = new Window(type, batch, hidden, threaded, oneHot);
        for (int round = 0; round < 2; round++) {
            whole.run();
            shared.run();
        }
        assertEquals(4, threaded.regions.get(), "forward and backward, twice, each one region");
        assertArrayEquals(whole.trace.outputs().data, shared.trace.outputs().data, 0.0, "outputs");
        for (int s = 0; s < whole.cell.stateSize(); s++) {
            assertArrayEquals(whole.trace.finalState()[s].data, shared.trace.finalState()[s].data, 0.0,
                    "final state " + s);
            assertArrayEquals(whole.gradInitialState[s].data, shared.gradInitialState[s].data, 0.0,
                    "initial-state gradient " + s);
        }
        for (int p = 0; p < whole.gradParams.length; p++) {
            assertArrayEquals(whole.gradParams[p].data, shared.gradParams[p].data, 0.0,
                    whole.cell.parameters().get(p).name() + " gradient");
        }
        assertArrayEquals(whole.gradInputs.data, shared.gradInputs.data, 0.0, "input gradient");
    }

    /**
     * A failure in one share reaches the caller, and the other shares do not wait for it forever:
     * for every cell, its shares meeting at every step (a batch of one: the units are split) or
     * once the recurrence is done (a batch of four: the sequences are split). The minGRU's steps
     * read no other unit, so its shares of the units never meet.
     */
    @ParameterizedTest(name = "{0}, batch {1}")
    @MethodSource("meetingCells")
    void aFailingShareStopsTheOthers(String name, int batch) {
        CellType type = COMPONENTS.require(CellType.class, name);
        ThreadedBackend threaded = new ThreadedBackend(2);
        Window shared = new Window(type, batch, 12, threaded, false);
        threaded.failingShare = 1;
        // Mid-window where the shares meet at every step; at the one meeting otherwise.
        threaded.failingMeeting = batch == 1 ? 2 : 1;
        IllegalStateException failure = assertThrows(IllegalStateException.class, shared::run);
        assertEquals("share 1 failed", failure.getMessage());
    }

    static List<Arguments> meetingCells() {
        List<Arguments> meeting = new ArrayList<>();
        List<String> meetEveryStep = new ArrayList<>();
        for (String name : COMPONENTS.names(CellType.class)) {
            for (int batch : new int[] {1, 4}) {
                ThreadedBackend probe = new ThreadedBackend(2);
                new Window(COMPONENTS.require(CellType.class, name), batch, 12, probe, false).run();
                // Forward and backward of a window of six steps: a share of the units meets at least six times.
                int perShare = probe.meetings.get() / 2;
                if (batch == 1 && perShare >= STEPS) {
                    meetEveryStep.add(name);
                }
                if (perShare > 0) {
                    meeting.add(Arguments.of(name, batch));
                }
                if (batch == 4) {
                    assertEquals(1, perShare, name + ": shares of the sequences meet once, after the recurrence");
                }
            }
        }
        assertEquals(List.of("esn", "gru", "lstm", "mgu", "rnn-relu", "rnn-tanh"), meetEveryStep);
        return meeting;
    }

    /** One cell's window: random parameters, inputs and gradients from above, fixed by a seed. */
    private static final class Window {
        final Cell cell;
        final CellTrace trace;
        final DMatrixRMaj[] params;
        final DMatrixRMaj inputs;
        final DMatrixRMaj[] initialState;
        final DMatrixRMaj gradOutputs;
        final DMatrixRMaj[] gradFinalState;
        final DMatrixRMaj[] gradParams;
        final DMatrixRMaj gradInputs;
        final DMatrixRMaj[] gradInitialState;

        Window(CellType type, int batch, int hidden, MatrixBackend backend, boolean oneHot) {
            Random random = new Random(7);
            cell = type.create(new CellSpec(INPUT, hidden, DeclarativeComponents.options(type.toString(), ""),
                    backend));
            trace = cell.newTrace(batch, STEPS);
            inputs = new DMatrixRMaj(STEPS * batch, INPUT);
            gradInputs = new DMatrixRMaj(STEPS * batch, INPUT);
            params = cell.parameters().stream().map(p -> filled(p.rows(), p.cols(), random, 0.4))
                    .toArray(DMatrixRMaj[]::new);
            for (int r = 0; r < inputs.numRows; r++) {
                for (int c = 0; c < INPUT; c++) {
                    inputs.set(r, c, oneHot ? (c == (r * 3) % INPUT ? 1.0 : 0.0) : random.nextGaussian());
                }
            }
            initialState = states(cell.stateSize(), batch, hidden, random);
            gradOutputs = filled(STEPS * batch, hidden, random, 1);
            gradFinalState = states(cell.stateSize(), batch, hidden, random);
            gradParams = cell.parameters().stream().map(p -> new DMatrixRMaj(p.rows(), p.cols()))
                    .toArray(DMatrixRMaj[]::new);
            gradInitialState = states(cell.stateSize(), batch, hidden, null);
        }

        void run() {
            cell.forward(params, inputs, STEPS, initialState, trace);
            cell.backward(params, trace, gradOutputs, gradFinalState, gradParams, gradInputs, gradInitialState);
        }

        private static DMatrixRMaj[] states(int count, int batch, int hidden, Random random) {
            DMatrixRMaj[] states = new DMatrixRMaj[count];
            for (int s = 0; s < count; s++) {
                states[s] = random == null ? new DMatrixRMaj(batch, hidden) : filled(batch, hidden, random, 1);
            }
            return states;
        }

        private static DMatrixRMaj filled(int rows, int cols, Random random, double scale) {
            DMatrixRMaj m = new DMatrixRMaj(rows, cols);
            for (int i = 0; i < m.data.length; i++) {
                m.data[i] = scale * random.nextGaussian();
            }
            return m;
        }
    }

    /** Java products, and shares on real threads that meet at a barrier, as a run's threads do. */
    private static final class ThreadedBackend implements MatrixBackend, Shares {
        final int threads;
        final AtomicInteger regions = new AtomicInteger();
        final AtomicInteger meetings = new AtomicInteger();
        int failingShare = -1;
        int failingMeeting;

        ThreadedBackend(int threads) {
            this.threads = threads;
        }

        @Override
        public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
                int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
            JavaGemm.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                    cOffset, ldc);
        }

        @Override
        public void run(Work work) {
            regions.incrementAndGet();
            // A phaser, because a failed share can end it for good: whoever arrives later does not wait.
            Phaser barrier = new Phaser(threads);
            List<Future<?>> shares = new ArrayList<>();
            for (int index = 0; index < threads; index++) {
                int share = index;
                shares.add(POOL.submit(() -> {
                    try {
                        work.run(new Share() {
                            private int meetings;

                            @Override
                            public int index() {
                                return share;
                            }

                            @Override
                            public int count() {
                                return threads;
                            }

                            @Override
                            public MatrixBackend products() {
                                return JavaGemm.INSTANCE;
                            }

                            @Override
                            public void awaitOthers() {
                                ThreadedBackend.this.meetings.incrementAndGet();
                                if (share == failingShare && ++meetings == failingMeeting) {
                                    throw new IllegalStateException("share " + share + " failed");
                                }
                                if (barrier.arriveAndAwaitAdvance() < 0) {
                                    throw new IllegalStateException("stopped: another share failed");
                                }
                            }
                        });
                    } catch (RuntimeException e) {
                        barrier.forceTermination();
                        throw e;
                    }
                }));
            }
            RuntimeException first = null;
            for (Future<?> share : shares) {
                try {
                    share.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    RuntimeException cause = (RuntimeException) e.getCause();
                    if (first == null || cause.getMessage().startsWith("share ")) {
                        first = cause;
                    }
                } catch (Exception e) {
                    throw new AssertionError("a share did not finish", e);
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
