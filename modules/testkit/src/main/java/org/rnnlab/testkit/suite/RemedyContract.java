package org.rnnlab.testkit.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.testkit.CellMatrices;
import org.rnnlab.testkit.CentralDifferences;

/**
 * Everything rnnlab requires of a gradient remedy, as a JUnit 5 test class to extend: implement
 * {@link #remedy()} (and {@link #options()}). The remedy acts at the hook point it declares, never
 * changes parameter values, is a function of the model and its report alone, reports finite
 * numbers; a loss remedy's gradient is the derivative of its penalty (central differences). The
 * model is a small random one without recurrent traces ({@code ModelGradients.layers()} is empty).
 */
public abstract class RemedyContract {
    /** The remedy under test. */
    protected abstract GradientRemedy remedy();

    /** Its options; none by default. */
    protected Map<String, String> options() {
        return Map.of();
    }

    /** The spread of the fixture's gradients: large by default, so clipping remedies act. */
    protected double gradientScale() {
        return 10;
    }

    private Remedy configured() {
        return remedy().configure(Options.of("remedy", options()));
    }

    @Test
    void actsAtTheHookPointItDeclares() {
        Remedy remedy = configured();
        assertNotNull(remedy.hookPoint(), "hookPoint() is null");
        if (remedy.hookPoint() == HookPoint.WINDOW) {
            assertNotNull(remedy.truncation(), "a window remedy returns its truncation");
        } else {
            act(remedy, new ModelFixture(1, gradientScale()), new LinkedHashMap<>());
        }
    }

    @Test
    void leavesParameterValuesAlone() {
        Remedy remedy = configured();
        ModelFixture model = new ModelFixture(2, gradientScale());
        DMatrixRMaj[] before = CellMatrices.copies(model.values);
        if (remedy.hookPoint() != HookPoint.WINDOW) {
            act(remedy, model, new LinkedHashMap<>());
        }
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i].data, model.values[i].data, "changed the value of " + model.name(i));
        }
    }

    @Test
    void theSameModelGivesTheSameGradientsAndReport() {
        Remedy remedy = configured();
        if (remedy.hookPoint() == HookPoint.WINDOW) {
            return;
        }
        ModelFixture first = new ModelFixture(3, gradientScale());
        ModelFixture second = new ModelFixture(3, gradientScale());
        Map<String, Double> firstReport = new LinkedHashMap<>();
        Map<String, Double> secondReport = new LinkedHashMap<>();
        act(remedy, first, firstReport);
        act(configured(), second, secondReport);
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.gradients[i].data, second.gradients[i].data, "gradients of " + first.name(i)
                    + " differ for the same model: keep state in the report map, nowhere else");
        }
        assertEquals(firstReport, secondReport);
        firstReport.forEach((key, value) -> assertTrue(value != null && Double.isFinite(value),
                "report " + key + " = " + value));
    }

    @Test
    void aLossRemedysGradientIsTheDerivativeOfItsPenalty() {
        Remedy remedy = configured();
        if (remedy.hookPoint() != HookPoint.LOSS) {
            return;
        }
        ModelFixture model = new ModelFixture(4, 0);
        remedy.penalize(model, new LinkedHashMap<>());
        for (int p = 0; p < model.size(); p++) {
            DMatrixRMaj value = model.values[p];
            DMatrixRMaj numeric = CentralDifferences.gradient(value, value.numRows,
                    () -> configured().penalize(model.withZeroGradients(), new LinkedHashMap<>()));
            CellMatrices.assertClose(numeric, model.gradients[p], 1e-6,
                    "the penalty's gradient for " + model.name(p) + " against central finite differences");
        }
    }

    @Test
    void anUnknownOptionIsRefusedInOneLine() {
        RnnlabException refused = assertThrows(RnnlabException.class,
                () -> remedy().configure(Options.of("remedy", Map.of("no-such-option", "1"))),
                "configure must validate its options and refuse one it does not know");
        assertEquals(1, refused.getMessage().lines().count(), "a one-line message: " + refused.getMessage());
    }

    private static void act(Remedy remedy, ModelFixture model, Map<String, Double> report) {
        if (remedy.hookPoint() == HookPoint.LOSS) {
            assertTrue(Double.isFinite(remedy.penalize(model, report)), "the penalty is not finite");
        } else {
            remedy.adjust(model, report);
        }
    }
}
