package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.backend.JavaGemm;

/** The threads a run lends its cells: every share on its own thread, meeting per step, failures contained. */
class ParallelSharesTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ParallelGemm threads = new ParallelGemm(JavaGemm.INSTANCE, pool, 3);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void eachShareRunsOnItsOwnThreadAndTheyMeetStepByStep() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        int[][] written = new int[3][50];
        List<String> mismatches = new CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Thread caller = Thread.currentThread();
            threads.run(share -> {
                if (share.index() == 0 && Thread.currentThread() != caller) {
                    mismatches.add("share 0 is not on the caller's thread");
                }
                seen.add(Thread.currentThread());
                assertSame(JavaGemm.INSTANCE, share.products(), "products in a share are not split again");
                for (int step = 0; step < 50; step++) {
                    written[share.index()][step] = step + 1;
                    share.awaitOthers();
                    // After the meeting every share's write of this step is visible.
                    for (int other = 0; other < share.count(); other++) {
                        if (written[other][step] != step + 1) {
                            mismatches.add("share " + share.index() + " did not see share " + other + " at " + step);
                        }
                    }
                    share.awaitOthers();
                }
            });
        });
        assertEquals(3, seen.size());
        assertEquals(List.of(), mismatches);
    }

    @Test
    void aFailingShareIsReportedAndTheOthersStopWaiting() {
        for (int failing = 0; failing < 3; failing++) {
            int culprit = failing;
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> assertTimeoutPreemptively(Duration.ofSeconds(20), () -> threads.run(share -> {
                        for (int step = 0; step < 10; step++) {
                            if (share.index() == culprit && step == 3) {
                                throw new IllegalStateException("share " + culprit + " broke");
                            }
                            share.awaitOthers();
                        }
                    })));
            assertEquals("share " + culprit + " broke", thrown.getMessage());
        }
        // The threads are free again: the next region has all its shares.
        Set<Integer> counts = ConcurrentHashMap.newKeySet();
        threads.run(share -> counts.add(share.count()));
        assertEquals(Set.of(3), counts);
    }

    @Test
    void anErrorInAShareStaysAnError() {
        StackOverflowError thrown = assertThrows(StackOverflowError.class, () -> threads.run(share -> {
            if (share.index() == 2) {
                throw new StackOverflowError();
            }
            share.awaitOthers();
        }));
        assertEquals(StackOverflowError.class, thrown.getClass());
    }

    /** A share that finishes after fewer meetings than the others (no units, say) does not keep them waiting. */
    @Test
    void aShareThatMeetsLessOftenLeavesTheOthersFree() {
        List<String> done = new CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> threads.run(share -> {
            int meetings = share.index() == 1 ? 0 : 5;
            for (int m = 0; m < meetings; m++) {
                share.awaitOthers();
            }
            done.add("share " + share.index());
        }));
        assertEquals(Set.of("share 0", "share 1", "share 2"), Set.copyOf(done));
    }

    /** A checked exception thrown without being declared is reported in one line, and nobody waits for its share. */
    @Test
    void anUndeclaredCheckedExceptionIsOneLine() {
        org.rnnlab.api.RnnlabException thrown = assertThrows(org.rnnlab.api.RnnlabException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(20), () -> threads.run(share -> {
                    if (share.index() == 1) {
                        ParallelSharesTest.<RuntimeException>sneak(new java.io.IOException("disk gone"));
                    }
                    share.awaitOthers();
                })));
        assertEquals("a computation on another thread failed: disk gone", thrown.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneak(Throwable t) throws T {
        throw (T) t;
    }

    /** An interrupted caller still waits for every share (they write what it reads next) and keeps its interrupt. */
    @Test
    void anInterruptedCallerWaitsForEveryShareAndKeepsTheInterrupt() {
        List<String> finished = new CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Thread.currentThread().interrupt();
            threads.run(share -> {
                if (share.index() == 2) {
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
                }
                finished.add("share " + share.index());
            });
            boolean interrupted = Thread.interrupted();
            assertTrue(interrupted, "the interrupt is kept for the caller");
        });
        assertEquals(3, finished.size(), "run returned only after every share: " + finished);
    }

    /** A product asked for while the threads are lent runs whole on the asking thread: it has a thread of its own. */
    @Test
    void aProductWhileTheThreadsAreLentIsNotSplit() {
        Set<Thread> multiplying = ConcurrentHashMap.newKeySet();
        org.rnnlab.api.backend.MatrixBackend recording = (transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                beta, c, cOff, ldc) -> {
            multiplying.add(Thread.currentThread());
            JavaGemm.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        };
        ParallelGemm splitting = new ParallelGemm(recording, pool, 2);
        int size = 96;
        double[] a = new double[size * size];
        double[] c = new double[size * size];
        splitting.gemm(false, false, size, size, size, 1, a, 0, size, a, 0, size, 0, c, 0, size);
        assertEquals(2, multiplying.size(), "outside a region the product is split");
        multiplying.clear();
        splitting.run(share -> {
            if (share.index() == 1) {
                splitting.gemm(false, false, size, size, size, 1, a, 0, size, a, 0, size, 0, c, 0, size);
                assertEquals(Set.of(Thread.currentThread()), multiplying);
            }
        });
        assertEquals(1, multiplying.size());
    }

    /**
     * When the pool refuses a share (the trainer shutting its threads down), the region says so in
     * one line and the share already started does not wait for the others forever: a pool of one
     * thread and no queue takes share 1 and refuses share 2.
     */
    @Test
    void aRefusedShareFailsTheRegionInOneLineAndReleasesTheStartedOnes() throws InterruptedException {
        ExecutorService oneThread = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>());
        try {
            ParallelGemm refusing = new ParallelGemm(JavaGemm.INSTANCE, oneThread, 3);
            List<Integer> started = new CopyOnWriteArrayList<>();
            org.rnnlab.api.RnnlabException thrown = assertThrows(org.rnnlab.api.RnnlabException.class,
                    () -> assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refusing.run(share -> {
                        started.add(share.index());
                        share.awaitOthers();
                    })));
            assertEquals("the trainer is stopping: its compute threads are shut down", thrown.getMessage());
            assertEquals(List.of(1), started, "share 1 ran and was released; share 0 never started");
        } finally {
            oneThread.shutdownNow();
            assertTrue(oneThread.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    /** The other direction of a bidirectional layer, asking while the threads are lent: one share, here. */
    @Test
    void aRegionInsideARegionIsOneShare() {
        List<String> inner = new CopyOnWriteArrayList<>();
        threads.run(share -> {
            if (share.index() == 1) {
                Thread caller = Thread.currentThread();
                threads.run(nested -> inner.add(nested.index() + "/" + nested.count() + " "
                        + (Thread.currentThread() == caller)));
            }
            share.awaitOthers();
        });
        assertEquals(List.of("0/1 true"), inner);
    }
}
