package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.ParameterRole;

class RunSpecTest {
    private static Map<String, String> spec(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs) {
            map.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return map;
    }

    @Test
    void defaultsAreDocumentedOnes() {
        RunSpec spec = RunSpec.parse(Map.of());
        assertEquals("adding", spec.task().name());
        assertEquals("rnn-tanh", spec.cell().name());
        assertEquals("adam", spec.optimizer().name());
        assertEquals(32, spec.hidden());
        assertEquals(1, spec.layers());
        assertEquals(32, spec.batch());
        assertEquals(1L, spec.seed());
        assertEquals("orthogonal", spec.init().get(ParameterRole.RECURRENT_WEIGHTS).name());
        assertEquals("xavier-uniform", spec.init().get(ParameterRole.INPUT_WEIGHTS).name());
        assertEquals("zero", spec.init().get(ParameterRole.BIAS).name());
    }

    @Test
    void keysAreRoutedToTheirComponents() {
        RunSpec spec = RunSpec.parse(spec("length=100", "lr=0.01", "betas=0.9,0.99", "task.noise=0.1", "cell.radius=0.9",
                "optimizer.amsgrad=true", "init.recurrent=orthogonal:gain=2", "remedies=clip-norm:max=1:norm=inf,clip-value:value=5"));
        assertEquals(Map.of("length", "100", "noise", "0.1"), spec.task().options().asMap());
        assertEquals(Map.of("radius", "0.9"), spec.cell().options().asMap());
        assertEquals(Map.of("lr", "0.01", "betas", "0.9,0.99", "amsgrad", "true"), spec.optimizer().options().asMap());
        assertEquals(Map.of("gain", "2"), spec.init().get(ParameterRole.RECURRENT_WEIGHTS).options().asMap());
        assertEquals(2, spec.remedies().size());
        assertEquals("clip-norm:max=1:norm=inf", spec.remedies().get(0).toString());
        assertEquals(Map.of("value", "5"), spec.remedies().get(1).options().asMap());
    }

    @Test
    void badValuesGiveOneLineErrors() {
        assertEquals("run: hidden=x is not accepted; expected an integer in [1, 65536]",
                assertThrows(RnnlabException.class, () -> RunSpec.parse(spec("hidden=x"))).getMessage());
        assertEquals("run: bidirectional=maybe is not accepted; expected true or false",
                assertThrows(RnnlabException.class, () -> RunSpec.parse(spec("bidirectional=maybe"))).getMessage());
        assertEquals("unknown parameter role 'init.gates'; accepted: init.input, init.recurrent, init.bias, init.output, init.output-bias",
                assertThrows(RnnlabException.class, () -> RunSpec.parse(spec("init.gates=zero"))).getMessage());
        assertEquals("malformed option 'max' for remedy clip-norm; expected key=value",
                assertThrows(RnnlabException.class, () -> RunSpec.parse(spec("remedies=clip-norm:max"))).getMessage());
        assertEquals("cell= is empty; expected a cell name",
                assertThrows(RnnlabException.class, () -> RunSpec.parse(spec("cell="))).getMessage());
    }

    @Test
    void changesApplyOnTopAndEmptyRemedyListClears() {
        RunSpec spec = RunSpec.parse(spec("lr=0.01", "remedies=clip-norm:max=1"));
        RunSpec changed = spec.with(Map.of("lr", "0.5", "remedies", ""));
        assertEquals("0.5", changed.optimizer().options().asMap().get("lr"));
        assertEquals(0, changed.remedies().size());
        assertEquals("0.01", spec.optimizer().options().asMap().get("lr"), "the original is unchanged");
    }

    @Test
    void anEmptyValueResetsOnlyAKeyTheRunSetsOrTheTrainerKnows() {
        RunSpec spec = RunSpec.parse(spec("length=7", "lr=0.01"));
        assertEquals(Map.of(), spec.with(Map.of("length", "", "lr", "")).raw(), "both back to their defaults");
        assertEquals(spec.raw(), spec.with(Map.of("momentum", "", "report", "")).raw(),
                "keys the trainer knows reset to defaults they already have");
        assertEquals("x= puts x back to its default, but the run does not set x; it sets length, lr",
                assertThrows(RnnlabException.class, () -> spec.with(Map.of("x", ""))).getMessage());
    }

    @Test
    void effectiveSpecListsRunKeysFirstInTheirOrder() {
        Map<String, String> effective = RunSpec.parse(spec("length=7", "cell=rnn-relu")).effective();
        assertEquals("task", effective.keySet().iterator().next());
        assertEquals("rnn-relu", effective.get("cell"));
        assertEquals("7", effective.get("length"));
    }

    /** Nonsense that used to pass silently gets one line saying what is wrong. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "remedies=clip-norm:max=1:max=2 | remedy clip-norm is given max twice (max=1 and max=2); give it once",
            "remedies=clip-norm:max=1,clip-norm:max=2 | remedy clip-norm is given twice in remedies=clip-norm:max=1,clip-norm:max=2; a run applies each remedy once",
            "remedies=clip-norm: | an empty option for remedy clip-norm (a ':' too many?); expected key=value after each ':'",
            "remedies=, | remedies=',' has an empty entry (a ',' too many?); expected NAME[:key=value...] separated by ',', e.g. remedies=clip-norm:max=1,nonfinite-guard",
            "hidden=\uFF13\uFF12 | run: hidden=\uFF13\uFF12 is not accepted; expected an integer in [1, 65536]",
            "lr=\uFF10.1 | adam: lr=\uFF10.1 is not accepted; expected a number" })
    void nonsenseIsRefusedInOneLine(String pair, String expected) {
        org.rnnlab.api.RnnlabException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.rnnlab.api.RnnlabException.class, () -> RunSpec.parse(spec(pair)).optimizer().options().positive("lr", 1));
        assertEquals(expected, e.getMessage());
    }
}
