package org.example.rnnlab.indrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.testkit.CellReference;
import org.rnnlab.testkit.suite.CellTypeContract;

/**
 * The suite bites: run on broken copies of the IndRNN (see {@link BrokenCopies}), it fails
 * exactly the requirements each copy breaks, with a message that names the problem. The suites
 * are static nested classes, which neither Surefire nor JUnit runs on their own; this test runs
 * them through the JUnit Platform launcher and reads the failures.
 */
class BrokenCopiesTest {
    /** The suite as an author would write it, for a given (broken) cell type. */
    abstract static class Suite extends CellTypeContract {
        @Override
        protected CellReference reference() {
            return (params, x, state) -> IndRnnReference.step(params, x, state, 1);
        }
    }

    static class WrongGradientSuite extends Suite {
        @Override
        protected CellType cellType() {
            return BrokenCopies.wrongGradient();
        }
    }

    static class WrongEquationSuite extends Suite {
        @Override
        protected CellType cellType() {
            return BrokenCopies.wrongEquation();
        }
    }

    static class ForgetfulTraceSuite extends Suite {
        @Override
        protected CellType cellType() {
            return BrokenCopies.forgetfulTrace();
        }
    }

    static class AllocatingSuite extends Suite {
        @Override
        protected CellType cellType() {
            return BrokenCopies.allocatingPerStep();
        }
    }

    static class NanMaskingSuite extends Suite {
        @Override
        protected CellType cellType() {
            return BrokenCopies.maskingNan();
        }
    }

    @Test
    void aWrongGradientFailsEveryGradientCheckNamingTheParameter() {
        Map<String, String> failures = failures(WrongGradientSuite.class);
        assertEquals(Set.of("backwardMatchesCentralDifferences", "stackedLayersBackpropagateThroughTheirInputs",
                "bidirectionalLayersBackpropagate", "windowsOfATruncatedSequenceChainThroughTheCarriedState"),
                failures.keySet(), failures.toString());
        String message = failures.get("backwardMatchesCentralDifferences");
        assertTrue(message.startsWith("backward disagrees with central finite differences") && message.contains("du: "),
                message);
    }

    @Test
    void aWrongEquationFailsTheForwardCheckOnly() {
        Map<String, String> failures = failures(WrongEquationSuite.class);
        assertEquals(Set.of("forwardComputesTheReferenceEquation"), failures.keySet(), failures.toString());
        assertTrue(failures.get("forwardComputesTheReferenceEquation")
                .startsWith("forward pass disagrees with the reference equation: h at step 0 of sequence 0"),
                failures.toString());
    }

    @Test
    void aTraceThatForgetsItsInputsFailsTheTraceContract() {
        Map<String, String> failures = failures(ForgetfulTraceSuite.class);
        assertEquals(Set.of("traceKeepsItsOwnCopyOfTheInputs"), failures.keySet(), failures.toString());
        assertTrue(failures.get("traceKeepsItsOwnCopyOfTheInputs").startsWith("backward read the window's inputs from "
                + "the caller's matrix after forward returned; the trace must keep its own copy"), failures.toString());
    }

    @Test
    void allocatingPerStepFailsTheAllocationCheck() {
        Map<String, String> failures = failures(AllocatingSuite.class);
        assertEquals(Set.of("nothingIsAllocatedPerWindow"), failures.keySet(), failures.toString());
        assertTrue(failures.get("nothingIsAllocatedPerWindow").startsWith("forward and backward allocate "),
                failures.toString());
    }

    @Test
    void maskingNanFailsTheNanCheck() {
        Map<String, String> failures = failures(NanMaskingSuite.class);
        assertEquals(Set.of("aNanStaysInItsOwnSequenceAndPropagates"), failures.keySet(), failures.toString());
        assertTrue(failures.get("aNanStaysInItsOwnSequenceAndPropagates").startsWith("a NaN in sequence 0's input at "
                + "step 1 did not reach its h at step 1"), failures.toString());
    }

    @Test
    void theCorrectCellPassesTheSameSuite() {
        assertEquals(Map.of(), failures(IndRnnContractTest.class));
    }

    /** The first failure message of each failed test method of {@code suite}, by method name. */
    private static Map<String, String> failures(Class<?> suite) {
        Map<String, String> failures = new TreeMap<>();
        AtomicInteger finished = new AtomicInteger();
        TestExecutionListener listener = new TestExecutionListener() {
            private TestPlan plan;

            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                plan = testPlan;
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (!test.isTest()) {
                    return;
                }
                finished.incrementAndGet();
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    String message = result.getThrowable().map(Throwable::getMessage).orElse(result.getStatus().name());
                    failures.putIfAbsent(method(test), message);
                }
            }

            /** The test method a test or dynamic test belongs to. */
            private String method(TestIdentifier test) {
                for (Optional<TestIdentifier> at = Optional.of(test); at.isPresent(); at = plan.getParent(at.get())) {
                    if (at.get().getSource().orElse(null) instanceof MethodSource source) {
                        return source.getMethodName();
                    }
                }
                return test.getDisplayName();
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite)).build(),
                listener);
        assertTrue(finished.get() >= 20, "the suite ran " + finished.get() + " tests");
        return failures;
    }
}
