package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunState;

/**
 * A run is its checkpoint: N steps straight against k steps, save, load into a new run, N - k
 * steps must give bit-identical parameters, optimizer slots, remedy memory, losses of every
 * step and evaluation, for every task × cell family × topology × remedy and schedule mix (the
 * text task carries its hidden state across batches; the guard keeps rollback points; adaptive
 * clipping, schedules, early stopping, the plateau schedule and the ridge readout keep their own
 * state).
 */
class ExactResumeTest {
    private static final java.time.Duration LONG = java.time.Duration.ofMinutes(1);
    private static final int STEPS = 6;
    private static final int FIRST = 3;
    private final TrainerService trainer = Slice.trainer();
    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    static Stream<Arguments> combinations() {
        List<String> tasks = List.of("task=adding length=12", "task=temporal-order length=20",
                "task=copy-memory delay=4", "task=mackey-glass length=12", "task=text length=10");
        List<String> cells = List.of("cell=rnn-tanh", "cell=lstm", "cell=gru");
        List<String> topologies = List.of("layers=1", "layers=2", "bidirectional=true", "remedies=tbptt:k=4");
        List<String> mixes = List.of(
                "optimizer=adam schedule=cosine t_max=10 warmup=2 diagnostics=2"
                        + " remedies+=clip-adaptive,nonfinite-guard:every=2:keep=2",
                "optimizer=momentum lr=0.05 schedule=step step_size=2 gamma=0.5 remedies+=clip-norm:max=1,l2",
                "eval.every=2 early-stop=patience=50:min_delta=0.01:restore=best schedule=plateau patience=0 factor=0.5");
        List<Arguments> all = new ArrayList<>();
        for (String task : tasks) {
            for (String cell : cells) {
                for (String topology : topologies) {
                    boolean readsAhead = task.contains("text") || task.contains("mackey-glass");
                    if (readsAhead && topology.startsWith("bidirectional")) {
                        continue; // refused: it would read the answer (RunSpecTest)
                    }
                    for (String mix : mixes) {
                        all.add(Arguments.of(String.join(" ", task, cell, topology, mix)));
                    }
                }
            }
        }
        all.add(Arguments.of("task=mackey-glass length=30 cell=esn hidden=20 readout=ridge washout=5"));
        all.add(Arguments.of("task=text length=10 cell=esn hidden=20 readout=ridge"));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void savingAndLoadingMidwayChangesNothing(String described) throws Exception {
        Map<String, String> spec = spec(described);
        List<Double> straightLosses = Slice.losses(trainer, "straight");
        trainer.create("straight", spec);
        train("straight", STEPS);

        trainer.create("first", spec);
        train("first", FIRST);
        Path file = trainer.save("first", folder.resolve("first.ckpt"));
        List<Double> resumedLosses = Slice.losses(trainer, "resumed");
        trainer.load(file, "resumed");
        train("resumed", STEPS - FIRST);

        assertEquals(straightLosses.subList(FIRST, STEPS), resumedLosses, "the losses of every step after the save");
        assertArrayEquals(Checkpoint.encode(trainer.run("straight").snapshot()),
                Checkpoint.encode(trainer.run("resumed").snapshot()), "parameters, slots, generator, memory");
        Evaluation straight = trainer.evaluate("straight");
        Evaluation resumed = trainer.evaluate("resumed");
        assertEquals(straight.loss(), resumed.loss());
        assertEquals(straight.metric(), resumed.metric());
    }

    /** Live changes are part of the run's history: the spec in the checkpoint records them. */
    @Test
    void aLiveChangeBeforeTheSaveIsResumedToo() throws Exception {
        Map<String, String> spec = spec("task=text length=10 cell=lstm remedies=clip-norm:max=1");
        for (String run : List.of("straight", "first")) {
            trainer.create(run, spec);
            train(run, 2);
            trainer.set(run, Map.of("optimizer", "amsgrad", "lr", "0.02"));
        }
        train("straight", 4);
        train("first", 1);
        trainer.load(trainer.save("first", folder.resolve("changed.ckpt")), "resumed");
        train("resumed", 3);
        assertArrayEquals(Checkpoint.encode(trainer.run("straight").snapshot()),
                Checkpoint.encode(trainer.run("resumed").snapshot()));
        assertEquals("amsgrad", trainer.status("resumed").spec().get("optimizer"));
    }

    /** A file of format 1 (before this format) is read: no carried state, factor 1, no rollback points. */
    @Test
    void aFormatOneCheckpointIsStillRead() throws Exception {
        trainer.create("old", spec("task=adding length=12"));
        train("old", 2);
        Snapshot now = trainer.run("old").snapshot();
        byte[] v2 = Checkpoint.encode(now);
        // format 1 is format 2 without the memory and rollback sections, and without the carried state
        Snapshot withoutCarried = new Snapshot(now.spec(), now.step(), now.batchIndex(), now.updates(), now.rng(),
                now.parameters(), now.slotSpecs(), now.slots(), now.reports(), Map.of(), Map.of(), List.of(), List.of());
        byte[] body = Checkpoint.encode(withoutCarried);
        int cut = body.length - 8 - 12; // the empty memory, rollback and history counts, then the CRC
        byte[] v1 = java.util.Arrays.copyOf(body, cut + 8);
        java.nio.ByteBuffer.wrap(v1, 8, 4).putInt(1);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(v1, 0, cut);
        java.nio.ByteBuffer.wrap(v1, cut, 8).putLong(crc.getValue());
        Path file = Files.write(folder.resolve("v1.ckpt"), v1);
        trainer.load(file, "loaded");
        assertEquals(2, trainer.status("loaded").step());
        assertEquals(v2.length, Checkpoint.encode(trainer.run("loaded").snapshot()).length);
    }

    private void train(String run, int steps) throws InterruptedException {
        Slice.train(trainer, run, steps);
    }

    /** "k=v k=v ..."; {@code remedies+=} appends to the remedies given before it. */
    static Map<String, String> spec(String described) {
        Map<String, String> spec = new LinkedHashMap<>(Map.of("hidden", "6", "batch", "3", "eval", "6", "report", "1",
                "seed", "7"));
        for (String pair : described.split(" ")) {
            int eq = pair.indexOf('=');
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (key.equals("remedies+")) {
                String before = spec.getOrDefault("remedies", "");
                spec.put("remedies", before.isEmpty() ? value : before + "," + value);
            } else {
                spec.put(key, value);
            }
        }
        return spec;
    }
}
