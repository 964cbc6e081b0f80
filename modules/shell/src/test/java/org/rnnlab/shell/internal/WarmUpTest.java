package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class WarmUpTest {
    /**
     * A clock and a compiler that the steps drive: the first call is the asked steps ("asked"),
     * every later one a single step ("one") taking 100 ms and the next compile time from a list.
     */
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong compiled = new AtomicLong();
    private final List<String> ran = new ArrayList<>();

    private WarmUp.Steps steps(long... compileMillisPerSingleStep) {
        return count -> {
            if (ran.isEmpty()) {
                ran.add("asked");
                return;
            }
            assertEquals(1, count, "after the asked steps, one at a time");
            int index = ran.size() - 1;
            ran.add("one");
            nanos.addAndGet(100_000_000L);
            compiled.addAndGet(index < compileMillisPerSingleStep.length ? compileMillisPerSingleStep[index] : 0);
        };
    }

    @Test
    void afterTheAskedStepsItStepsOnUntilAStepSeesTheCompilerQuiet() throws InterruptedException {
        WarmUp warmUp = WarmUp.of(compiled::get, nanos::get);
        // 100 ms steps: 30 and 5 ms of compilation are busy, 2 ms (2 %) is quiet.
        int done = warmUp.run(3, steps(30, 5, 2, 40));
        assertEquals(6, done);
        assertEquals(List.of("asked", "one", "one", "one"), ran);
    }

    @Test
    void aCompilerThatNeverSettlesAddsABoundedNumberOfSteps() throws InterruptedException {
        long[] busy = new long[200];
        java.util.Arrays.fill(busy, 50);
        int done = WarmUp.of(compiled::get, nanos::get).run(5, steps(busy));
        assertEquals(5 + WarmUp.MAX_EXTRA_STEPS, done);
    }

    @Test
    void noWarmUpAskedMeansNone() throws InterruptedException {
        assertEquals(0, WarmUp.of(compiled::get, nanos::get).run(0, steps(30)));
        assertEquals(List.of(), ran);
    }

    @Test
    void withoutCompilationTimeOnlyTheAskedStepsRun() throws InterruptedException {
        assertEquals(4, WarmUp.of(null, nanos::get).run(4, steps(30)));
        assertEquals(List.of("asked"), ran);
    }

    @Test
    void thisJvmReportsItsCompilationTime() throws InterruptedException {
        // HotSpot keeps it: after the asked step at least one more step looks at the compiler.
        int done = WarmUp.ofThisJvm().run(1, steps());
        assertEquals(List.of("asked", "one"), ran.subList(0, 2));
        assertEquals(ran.size(), done);
    }
}
