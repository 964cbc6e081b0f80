package org.rnnlab.conformance;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.api.task.Task;
import org.rnnlab.testkit.DeclarativeComponents;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.testkit.suite.InitializerContract;
import org.rnnlab.testkit.suite.OptimizerContract;
import org.rnnlab.testkit.suite.RemedyContract;
import org.rnnlab.testkit.suite.TaskContract;

/** rnnlab's own initializers, tasks, optimizers and remedies pass the suites third parties use. */
class BuiltInContractsTest {
    private static final DeclarativeComponents COMPONENTS = DeclarativeComponents.onClassPath();

    @Nested
    class Orthogonal extends InitializerContract {
        @Override
        protected Initializer initializer() {
            return COMPONENTS.find(Initializer.class, "orthogonal").orElseThrow();
        }
    }

    @Nested
    class Zero extends InitializerContract {
        @Override
        protected Initializer initializer() {
            return COMPONENTS.find(Initializer.class, "zero").orElseThrow();
        }

        @Override
        protected boolean draws() {
            return false;
        }
    }

    @Nested
    class Adding extends TaskContract {
        @Override
        protected Task task() {
            return COMPONENTS.find(Task.class, "adding").orElseThrow();
        }

        @Override
        protected Map<String, String> options() {
            return Map.of("length", "20");
        }

        /** Always answering 1, the expected sum of two U(0, 1) numbers: MSE 1/6 (Hochreiter & Schmidhuber 1997). */
        @Override
        protected java.util.function.Function<org.rnnlab.api.task.Batch, org.ejml.data.DMatrixRMaj> trivialPredictor() {
            return batch -> {
                org.ejml.data.DMatrixRMaj ones = new org.ejml.data.DMatrixRMaj(batch.targets().numRows, batch.targets().numCols);
                java.util.Arrays.fill(ones.data, 1);
                return ones;
            };
        }
    }

    @Nested
    class Adam extends OptimizerContract {
        @Override
        protected Optimizer optimizer() {
            return COMPONENTS.find(Optimizer.class, "adam").orElseThrow();
        }
    }

    @Nested
    class SgdWithMomentumAndCosineSchedule extends OptimizerContract {
        @Override
        protected Optimizer optimizer() {
            return COMPONENTS.find(Optimizer.class, "sgd").orElseThrow();
        }

        @Override
        protected Map<String, String> options() {
            return Map.of("lr", "0.05", "momentum", "0.9", "schedule", "cosine", "t_max", "100");
        }
    }

    @Nested
    class ClipNorm extends RemedyContract {
        @Override
        protected GradientRemedy remedy() {
            return COMPONENTS.find(GradientRemedy.class, "clip-norm").orElseThrow();
        }
    }

    @Nested
    class L2 extends RemedyContract {
        @Override
        protected GradientRemedy remedy() {
            return COMPONENTS.find(GradientRemedy.class, "l2").orElseThrow();
        }
    }

    @Nested
    class Tbptt extends RemedyContract {
        @Override
        protected GradientRemedy remedy() {
            return COMPONENTS.find(GradientRemedy.class, "tbptt").orElseThrow();
        }

        @Override
        protected Map<String, String> options() {
            return Map.of("k", "5");
        }
    }
}
