package org.rnnlab.remedy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnlab.remedy.internal.RemedyFixtures.assertRejected;
import static org.rnnlab.remedy.internal.RemedyFixtures.configure;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.testkit.LooseGradients;

/** The l1 and l2 penalties: their terms, their gradients (checked by central differences) and their roles. */
class WeightPenaltyTest {
    private final Map<String, Double> report = new HashMap<>();

    /** Input, recurrent and output weights, a bias and the output bias; every gradient starts at 1. */
    private static LooseGradients oneOfEachRole() {
        return new LooseGradients()
                .add(row(1, -2, 0.5, 0), ones(4), ParameterRole.INPUT_WEIGHTS, true)
                .add(row(3), ones(1), ParameterRole.RECURRENT_WEIGHTS, true)
                .add(row(1, 1), ones(2), ParameterRole.BIAS, true)
                .add(row(-1), ones(1), ParameterRole.OUTPUT_WEIGHTS, true)
                .add(row(2), ones(1), ParameterRole.OUTPUT_BIAS, true);
    }

    private static GradientRemedy factory(String name) {
        return name.equals("l1") ? new L1PenaltyRemedy() : new L2PenaltyRemedy();
    }

    @ParameterizedTest
    @ValueSource(strings = { "l1", "l2" })
    void defaultsToLambdaOneHundredthOnEveryWeightAndNoBias(String name) {
        Remedy penalty = configure(factory(name), name);
        assertEquals(HookPoint.LOSS, penalty.hookPoint());
        assertEquals(new WeightPenalty(name.equals("l1") ? PenaltyNorm.L1 : PenaltyNorm.L2, 0.01,
                Set.of(ParameterRole.INPUT_WEIGHTS, ParameterRole.RECURRENT_WEIGHTS, ParameterRole.OUTPUT_WEIGHTS)),
                penalty);
    }

    /** λ·Σw² = 0.1 · (1 + 4 + 0.25 + 0 + 9 + 1); gradient 2λw added; biases untouched. */
    @Test
    void l2AddsLambdaTimesTheSumOfSquaresAndItsGradient() {
        LooseGradients model = oneOfEachRole();

        double penalty = configure(new L2PenaltyRemedy(), "l2", "lambda", "0.1").penalize(model, report);

        assertEquals(1.525, penalty, 1e-15);
        assertEquals(Map.of("penalty", penalty), report);
        assertArrayEquals(new double[] { 1.2, 0.6, 1.1, 1 }, model.gradient(0).data, 1e-15);
        assertArrayEquals(new double[] { 1.6 }, model.gradient(1).data, 1e-15);
        assertArrayEquals(new double[] { 1, 1 }, model.gradient(2).data);
        assertArrayEquals(new double[] { 0.8 }, model.gradient(3).data, 1e-15);
        assertArrayEquals(new double[] { 1 }, model.gradient(4).data);
    }

    /** λ·Σ|w| = 0.1 · (1 + 2 + 0.5 + 0 + 3 + 1); gradient λ·sign(w), 0 at w = 0. */
    @Test
    void l1AddsLambdaTimesTheSumOfMagnitudesAndItsSubgradient() {
        LooseGradients model = oneOfEachRole();

        double penalty = configure(new L1PenaltyRemedy(), "l1", "lambda", "0.1").penalize(model, report);

        assertEquals(0.75, penalty, 1e-15);
        assertEquals(Map.of("penalty", penalty), report);
        assertArrayEquals(new double[] { 1.1, 0.9, 1.1, 1 }, model.gradient(0).data, 1e-15);
        assertArrayEquals(new double[] { 1.1 }, model.gradient(1).data, 1e-15);
        assertArrayEquals(new double[] { 0.9 }, model.gradient(3).data, 1e-15);
    }

    @ParameterizedTest(name = "roles={0}")
    @CsvSource(delimiter = ';', value = {
            "bias+output-bias; 0.6", "recurrent; 0.9", "input,recurrent; 1.425", " input , output ; 0.625" })
    void rolesChooseTheParameters(String roles, double expectedPenalty) {
        double penalty = configure(new L2PenaltyRemedy(), "l2", "lambda", "0.1", "roles", roles)
                .penalize(oneOfEachRole(), report);
        assertEquals(expectedPenalty, penalty, 1e-15);
    }

    @Test
    void frozenParametersAreNotPenalized() {
        DMatrixRMaj gradient = ones(2);
        LooseGradients model = new LooseGradients().add(row(5, 5), gradient, ParameterRole.INPUT_WEIGHTS, false);
        assertEquals(0.0, configure(new L2PenaltyRemedy(), "l2").penalize(model, report));
        assertArrayEquals(new double[] { 1, 1 }, gradient.data);
    }

    /** The added gradient against central differences of the returned term, every element of every weight. */
    @ParameterizedTest
    @ValueSource(strings = { "l1", "l2" })
    void gradientMatchesCentralDifferencesOfTheTerm(String name) {
        SplittableRandom random = new SplittableRandom(7);
        LooseGradients model = new LooseGradients();
        for (ParameterRole role : ParameterRole.values()) {
            DMatrixRMaj value = new DMatrixRMaj(2, 3);
            for (int i = 0; i < value.data.length; i++) {
                // Away from 0, where |w| has no derivative.
                value.data[i] = (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.1, 2);
            }
            model.add(value, new DMatrixRMaj(2, 3), role, true);
        }
        Remedy penalty = configure(factory(name), name, "lambda", "0.3", "roles", "input+recurrent+bias+output+output-bias");
        penalty.penalize(model, report);

        double step = 1e-6;
        for (int p = 0; p < model.size(); p++) {
            double[] w = model.value(p).data;
            for (int i = 0; i < w.length; i++) {
                double saved = w[i];
                w[i] = saved + step;
                double plus = penalty.penalize(copyWithZeroGradients(model), new HashMap<>());
                w[i] = saved - step;
                double minus = penalty.penalize(copyWithZeroGradients(model), new HashMap<>());
                w[i] = saved;
                assertEquals((plus - minus) / (2 * step), model.gradient(p).data[i], 1e-8, model.name(p) + "[" + i + "]");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @CsvSource({
            "l2, lambda, 0, lambda=0 is not accepted; expected a number > 0",
            "l1, lambda, -0.1, lambda=-0.1 is not accepted; expected a number > 0",
            "l2, roles, weights, 'l2: roles=weights is not accepted; expected role keys separated by , or + among input, recurrent, bias, output, output-bias'",
            "l1, roles, 'input,', 'l1: roles=input, is not accepted'",
            "l2, roles, '', 'l2: roles= is not accepted'",
            "l1, weight_decay, 1, 'unknown option ''weight_decay'' for l1; accepted: lambda, roles'" })
    void badOptionsGetOneLineMessages(String name, String key, String value, String expected) {
        assertRejected(expected, factory(name), name, key, value);
    }

    private static LooseGradients copyWithZeroGradients(LooseGradients model) {
        LooseGradients copy = new LooseGradients();
        for (int p = 0; p < model.size(); p++) {
            DMatrixRMaj value = model.value(p);
            copy.add(value, new DMatrixRMaj(value.numRows, value.numCols), model.spec(p).role(), true);
        }
        return copy;
    }

    private static DMatrixRMaj row(double... values) {
        return new DMatrixRMaj(1, values.length, true, values);
    }

    private static DMatrixRMaj ones(int n) {
        DMatrixRMaj m = new DMatrixRMaj(1, n);
        m.fill(1);
        return m;
    }
}
