package org.rnnlab.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

/**
 * {@code rnn:bench}: trains a character-level model for a number of steps after a warm-up (the
 * steps asked for, then more until the JIT is quiet: {@link WarmUp}) and reports its speed.
 * GFLOP/s counts 6 floating-point operations per parameter and token (a multiply-add forward,
 * two backward), the usual estimate for dense recurrent layers; it is
 * set against the machine's GEMM-bound limit at the step's shapes, measured in the same command
 * on the same backend and in the same precision ({@link GemmLimit}): float64, or float32 products
 * with {@code precision=single}. With more than one thread it also prints the cores' round trip
 * ({@link CoreRoundTrip}) just before and just after the measured steps: on a virtual machine
 * the host may move the threads' cores apart, and a run on two threads then slows by a quarter.
 */
final class Bench {
    private static final List<Integer> DEFAULT_SIZES = List.of(128, 256, 512);
    /** As the trainer's backend=auto chooses, so the report can name the backend used. */
    private static final List<String> FASTEST_FIRST = List.of("native", "java-vector", "java");
    private final Trainer trainer;
    private final java.util.function.Predicate<String> backendPresent;
    /** Runs a measurement with the named backend (the shell gets and releases the service). */
    private final java.util.function.BiFunction<String, java.util.function.ToDoubleFunction<MatrixBackend>, Double> withBackend;

    Bench(Trainer trainer, java.util.function.Predicate<String> backendPresent,
            java.util.function.BiFunction<String, java.util.function.ToDoubleFunction<MatrixBackend>, Double> withBackend) {
        this.trainer = trainer;
        this.backendPresent = backendPresent;
        this.withBackend = withBackend;
    }

    /** Prints one line per hidden size: tokens/s, GFLOP/s, backend, threads. */
    void run(Map<String, String> given, PrintStream out) throws InterruptedException {
        Options options = Options.of("bench", given).allowOnly("cell", "hidden", "batch", "length", "threads", "backend",
                "precision", "steps", "warmup", "file");
        int threads = options.integer("threads", 1, 1, Runtime.getRuntime().availableProcessors());
        List<Integer> sizes = options.has("hidden") ? List.of(options.integer("hidden", 256, 1, 65_536)) : DEFAULT_SIZES;
        int steps = options.integer("steps", 50, 1, 1_000_000);
        int warmup = options.integer("warmup", 5, 0, 1_000_000);
        String precision = options.choice("precision", "double", "single");
        for (int hidden : sizes) {
            Map<String, String> spec = new LinkedHashMap<>();
            spec.put("task", "text");
            spec.put("cell", options.text("cell", "lstm"));
            spec.put("hidden", String.valueOf(hidden));
            spec.put("batch", String.valueOf(options.integer("batch", 32, 1, 1_000_000)));
            spec.put("length", String.valueOf(options.integer("length", 64, 1, 1_000_000)));
            spec.put("backend", backend(options.text("backend", "auto")));
            spec.put("optimizer", "adam");
            spec.put("threads", String.valueOf(threads));
            spec.put("precision", precision);
            spec.put("report", "1000000");
            // A measurement: if the runtime stops during it, there is nothing worth recovering.
            spec.put("checkpoint.shutdown", "false");
            if (options.has("file")) {
                spec.put("file", options.text("file", ""));
            }
            out.println(measure(spec, warmup, steps));
            out.flush();
        }
    }

    private String measure(Map<String, String> spec, int warmup, int steps) throws InterruptedException {
        String name = "bench-" + System.nanoTime();
        RunStatus created = trainer.create(name, spec);
        try {
            int warmedUp = WarmUp.ofThisJvm().run(warmup, count -> finish(name, trainer.start(name, count)));
            int threads = Integer.parseInt(spec.get("threads"));
            String roundTripBefore = threads > 1 ? roundTrip() : "";
            long start = System.nanoTime();
            RunStatus done = finish(name, trainer.start(name, steps));
            double seconds = (System.nanoTime() - start) / 1e9;
            double tokens = (double) steps * Integer.parseInt(spec.get("batch")) * Integer.parseInt(spec.get("length"));
            double tokensPerSecond = tokens / seconds;
            double gflops = 6.0 * created.parameters() * tokensPerSecond / 1e9;
            String backend = done.spec().get("backend");
            int hidden = Integer.parseInt(spec.get("hidden"));
            boolean single = spec.get("precision").equals("single");
            String cores = threads > 1 ? "  core round trip: " + roundTripBefore + " before, " + roundTrip() + " after"
                    : "";
            double limit = withBackend.apply(backend, b -> GemmLimit.gflops(b, single, threads,
                    Integer.parseInt(spec.get("batch")), Integer.parseInt(spec.get("length")), hidden,
                    GemmLimit.gates(spec.get("cell"))));
            return String.format(Locale.ROOT, "tokens/s: %.0f  GFLOP/s: %.2f  of %.1f gemm-bound (%s): %.0f%%  "
                    + "backend: %s  threads: %s  precision: %s  (%s hidden=%s)  warm-up: %d steps%s", tokensPerSecond,
                    gflops, limit, threads == 1 ? "one core" : threads + " cores", 100 * gflops / limit, backend,
                    threads, single ? "float32" : "float64", spec.get("cell"), spec.get("hidden"), warmedUp, cores);
        } finally {
            trainer.remove(name);
        }
    }

    /** {@link CoreRoundTrip} over 50 ms: the distance between the cores the threads run on. */
    private static String roundTrip() {
        OptionalDouble nanos = CoreRoundTrip.nanos(50_000_000L);
        return nanos.isPresent() ? String.format(Locale.ROOT, "%.0f ns", nanos.getAsDouble())
                : "not measured (the cores stayed busy)";
    }

    private RunStatus finish(String name, RunStatus started) throws InterruptedException {
        RunStatus status = trainer.await(name, Duration.ofHours(1));
        if (status.state() != RunState.FINISHED) {
            throw new RnnlabException("bench run " + status.state().name().toLowerCase(Locale.ROOT) + ": " + status.message());
        }
        return status;
    }

    private String backend(String requested) {
        return !requested.equals("auto") ? requested
                : FASTEST_FIRST.stream().filter(backendPresent).findFirst().orElse("java");
    }
}
