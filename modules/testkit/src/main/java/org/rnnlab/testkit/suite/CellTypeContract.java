package org.rnnlab.testkit.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.testkit.AllocationCheck;
import org.rnnlab.testkit.CellGradientCheck;
import org.rnnlab.testkit.CellReference;
import org.rnnlab.testkit.DeterminismCheck;
import org.rnnlab.testkit.ForwardCheck;
import org.rnnlab.testkit.NanPropagationCheck;
import org.rnnlab.testkit.StackCheck;
import org.rnnlab.testkit.StateJacobianCheck;
import org.rnnlab.testkit.TestBackend;
import org.rnnlab.testkit.TraceContractCheck;
import org.rnnlab.testkit.WindowChainCheck;

/**
 * Everything rnnlab requires of a cell type, as a JUnit 5 test class to extend:
 *
 * <pre>
 * class IndRnnContractTest extends CellTypeContract {
 *     protected CellType cellType() { return new IndRnnCellType(); }
 *     protected CellReference reference() { return IndRnnReference::step; }
 * }
 * </pre>
 *
 * Each test names what it checks and, when it fails, what is wrong. Kernels are made with the
 * kit's {@link TestBackend}, so a cell is tested without a framework.
 */
public abstract class CellTypeContract {
    private static final long SEED = 20180101;

    /** The cell type under test. */
    protected abstract CellType cellType();

    /** The cell's equation for one step of one sequence, written independently of the kernel. */
    protected abstract CellReference reference();

    /** The cell options every kernel of the suite is made with; none by default. */
    protected Map<String, String> options() {
        return Map.of();
    }

    /** The shapes the gradient and forward checks run over; small, so central differences stay fast. */
    protected List<CellShape> shapes() {
        return List.of(new CellShape(3, 4, 2, 5), new CellShape(1, 1, 1, 1), new CellShape(5, 3, 3, 4),
                new CellShape(2, 6, 1, 7));
    }

    /** A kernel of the cell type for a shape, on the kit's backend. */
    protected final Cell cell(CellShape shape) {
        return cellType().create(spec(shape.input(), shape.hidden()));
    }

    private CellSpec spec(int input, int hidden) {
        return new CellSpec(input, hidden, Options.of("cell", options()), new TestBackend());
    }

    @TestFactory
    Stream<DynamicTest> forwardComputesTheReferenceEquation() {
        return shapes().stream().map(shape -> DynamicTest.dynamicTest(shape.toString(), () ->
                new ForwardCheck(cell(shape), reference(), shape.steps(), shape.batch()).outputsMatchTheReference(SEED)));
    }

    @TestFactory
    Stream<DynamicTest> backwardMatchesCentralDifferences() {
        return shapes().stream().map(shape -> DynamicTest.dynamicTest(shape.toString(), () -> explained(
                "backward disagrees with central finite differences (" + shape + ")",
                () -> new CellGradientCheck(cell(shape), shape.steps(), shape.batch()).checkAll(SEED))));
    }

    @TestFactory
    Stream<DynamicTest> stateJacobianMatchesCentralDifferences() {
        CellShape shape = shapes().get(0);
        return Stream.of(0, shape.steps() / 2, shape.steps() - 1).distinct().map(t -> DynamicTest.dynamicTest("step " + t,
                () -> explained("the state Jacobian products disagree with central finite differences", () -> {
                    StateJacobianCheck check = new StateJacobianCheck(cell(shape), shape.steps(), shape.batch());
                    check.stateVjpMatchesCentralDifferences(t, SEED + t);
                    check.parameterGradientMatchesCentralDifferences(t, SEED + t);
                })));
    }

    @Test
    void stackedLayersBackpropagateThroughTheirInputs() {
        explained("two stacked layers disagree with central finite differences",
                () -> new StackCheck(cellType(), Options.of("cell", options()), new TestBackend(), 3, 4, 2, 1, 4, 2)
                        .gradientsMatchCentralDifferences(SEED));
    }

    @Test
    void bidirectionalLayersBackpropagate() {
        explained("two stacked bidirectional layers disagree with central finite differences",
                () -> new StackCheck(cellType(), Options.of("cell", options()), new TestBackend(), 2, 3, 2, 2, 4, 2)
                        .gradientsMatchCentralDifferences(SEED));
    }

    @Test
    void windowsOfATruncatedSequenceChainThroughTheCarriedState() {
        CellShape shape = shapes().get(0);
        explained("gradients chained through three windows disagree with central finite differences",
                () -> new WindowChainCheck(cell(shape), 3, 3, shape.batch()).chainedGradientsMatchCentralDifferences(SEED));
    }

    @Test
    void traceReportsItsWindowInTheApisShapes() {
        CellShape shape = shapes().get(0);
        new TraceContractCheck(cell(shape), shape.steps(), shape.batch()).traceReportsItsWindow(SEED);
    }

    @Test
    void traceKeepsItsOwnCopyOfTheInputs() {
        CellShape shape = shapes().get(0);
        new TraceContractCheck(cell(shape), shape.steps(), shape.batch()).backwardDoesNotReadTheCallersInputs(SEED);
    }

    @Test
    void traceKeepsItsOwnCopyOfTheInitialState() {
        CellShape shape = shapes().get(0);
        new TraceContractCheck(cell(shape), shape.steps(), shape.batch()).backwardDoesNotReadTheCallersInitialState(SEED);
    }

    @Test
    void sameSpecAndInputsGiveTheSameBits() {
        CellShape shape = shapes().get(0);
        DeterminismCheck check = new DeterminismCheck(cellType(), spec(shape.input(), shape.hidden()), shape.steps(),
                shape.batch());
        check.sameInputsGiveTheSameBits(SEED);
        check.initializeDrawsOnlyFromTheRunsGenerator(SEED);
    }

    @Test
    void nothingIsAllocatedPerWindow() {
        new AllocationCheck(cellType().create(spec(8, 16)), 16, 8).bytesPerWindow(SEED);
    }

    @Test
    void aNanStaysInItsOwnSequenceAndPropagates() {
        CellShape shape = shapes().get(0);
        new NanPropagationCheck(cell(shape), Math.max(2, shape.steps()), Math.max(2, shape.batch()))
                .nanReachesItsOwnSequenceOnly(SEED);
    }

    @Test
    void anUnknownOptionIsRefusedInOneLine() {
        RnnlabException refused = assertThrows(RnnlabException.class, () -> cellType().create(new CellSpec(3, 4,
                Options.of("cell", Map.of("no-such-option", "1")), new TestBackend())),
                "create must validate every option and refuse one it does not know");
        assertEquals(1, refused.getMessage().lines().count(), "a one-line message: " + refused.getMessage());
    }

    @Test
    void defaultInitializersNameTheCellsParameters() {
        Cell cell = cell(shapes().get(0));
        List<String> names = cell.parameters().stream().map(ParameterSpec::name).toList();
        cellType().defaultInitializers().forEach((parameter, initializer) -> {
            assertTrue(names.contains(parameter), "defaultInitializers names '" + parameter
                    + "', which is not a parameter of the cell; parameters: " + String.join(", ", names));
            assertTrue(initializer.matches("[A-Za-z0-9._-]+(:[^:=]+=[^:]*)*"), "defaultInitializers gives '"
                    + initializer + "' for " + parameter + "; expected NAME[:key=value...]");
        });
    }

    /** Runs a check, putting what was being checked before the check's own message. */
    private static void explained(String what, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }
}
