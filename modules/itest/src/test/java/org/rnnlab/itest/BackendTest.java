package org.rnnlab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.rnnlab.api.Components;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;
import org.rnnlab.api.trainer.TrainingListener;

/**
 * The backend bundle inside the platform: java-vector registers because the runtime's JVM has
 * the Vector API, native exactly when the system BLAS is installed, and a run that goes through
 * every registered backend live loses the same as one that never switched.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class BackendTest {
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final int STEPS_PER_BACKEND = 40;

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 30_000)
    Trainer trainer;

    @AfterEach
    void removeRuns() {
        trainer.runs().stream().map(run -> run.name()).filter(name -> name.startsWith("backend-"))
                .forEach(trainer::remove);
    }

    @Test
    void javaVectorIsThereBecauseThePlatformJvmAddsTheVectorModule() throws InterruptedException {
        assertEquals("org.rnnlab.backend-blas",
                Await.service(context, MatrixBackend.class, "(" + Components.NAME + "=java-vector)", STARTUP)
                        .getBundle().getSymbolicName());
    }

    @Test
    void nativeIsThereExactlyWhenTheSystemBlasIsInstalled() throws Exception {
        Bundle blas = Await.until("the backend bundle to start", STARTUP, this::backendBundle,
                bundle -> bundle != null && bundle.getState() == Bundle.ACTIVE);
        // The enabler decides while the bundle starts; java-vector's presence shows it has run.
        Await.service(context, MatrixBackend.class, "(" + Components.NAME + "=java-vector)", STARTUP);
        assertEquals(systemBlasInstalled(), !nativeBackends().isEmpty(),
                "native backend registered by " + blas.getSymbolicName() + ": " + nativeBackends());
    }

    @Test
    void aRunSwitchedThroughEveryBackendLosesTheSameAsOneThatNeverSwitched() throws Exception {
        Await.service(context, MatrixBackend.class, "(" + Components.NAME + "=java-vector)", STARTUP);
        List<String> backends = new ArrayList<>(List.of("ejml", "java-vector"));
        if (systemBlasInstalled()) {
            backends.add("native");
        }
        int steps = STEPS_PER_BACKEND * (backends.size() + 1);
        Map<String, String> spec = Map.of("task", "adding", "length", "12", "cell", "lstm", "hidden", "24",
                "batch", "8", "report", "1", "backend", "java", "seed", "5", "steps", String.valueOf(steps));
        List<Double> straight = losses("backend-straight");
        List<Double> switched = losses("backend-switched");
        trainer.create("backend-straight", spec);
        trainer.start("backend-straight", 0);
        assertEquals(RunState.FINISHED, trainer.await("backend-straight", Duration.ofMinutes(2)).state());

        trainer.create("backend-switched", spec);
        for (String backend : backends) {
            trainer.start("backend-switched", STEPS_PER_BACKEND);
            trainer.await("backend-switched", Duration.ofMinutes(2));
            assertEquals(backend, trainer.set("backend-switched", Map.of("backend", backend)).spec().get("backend"));
        }
        trainer.start("backend-switched", STEPS_PER_BACKEND);
        assertEquals(steps, trainer.await("backend-switched", Duration.ofMinutes(2)).step());

        assertEquals(steps, straight.size());
        assertEquals(steps, switched.size());
        for (int i = 0; i < steps; i++) {
            assertEquals(straight.get(i), switched.get(i), 1e-9 * Math.abs(straight.get(i)), "step " + (i + 1)
                    + " on " + (i < STEPS_PER_BACKEND ? "java" : backends.get(i / STEPS_PER_BACKEND - 1)));
        }
    }

    /**
     * threads=2 on the backends of this bundle (the trainer's own tests cover java and ejml), the
     * threads splitting the units of LSTM and GRU layers. On native at H = 256, every step's loss
     * and the evaluation are one thread's to the last bit. At H = 64 too where the processor has
     * AVX-512: the step products then go through rnnlab's own kernels, which compute a row the same
     * way whatever the number of rows; through OpenBLAS they differ in the last bit (its separate
     * kernels for small products, likely). java-vector's products (netlib's VectorBLAS) sum in an
     * order that depends on their shape: those agree to rounding.
     */
    @Test
    void twoThreadsOnTheBlasBundlesBackendsTrainAsOne() throws Exception {
        Await.service(context, MatrixBackend.class, "(" + Components.NAME + "=java-vector)", STARTUP);
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1,
                "threads=2 needs two cores");
        for (String cell : List.of("lstm", "gru")) {
            trainsAsOneThread("java-vector", cell, 64, 1e-9);
            if (systemBlasInstalled()) {
                trainsAsOneThread("native", cell, 64, avx512() ? 0.0 : 1e-9);
                trainsAsOneThread("native", cell, 256, 0.0);
                if (avx512()) {
                    // a target at every step: the head's product has 32 x 12 = 384 rows, which two threads split
                    trainsAsOneThread("native", cell, 64, 0.0, Map.of("task", "text", "batch", "32"));
                }
            }
        }
    }

    private static boolean avx512() throws java.io.IOException {
        java.nio.file.Path cpus = java.nio.file.Path.of("/proc/cpuinfo");
        return java.nio.file.Files.isReadable(cpus) && java.nio.file.Files.readString(cpus).contains(" avx512f");
    }

    private void trainsAsOneThread(String backend, String cell, int hidden, double tolerance)
            throws InterruptedException {
        trainsAsOneThread(backend, cell, hidden, tolerance, Map.of());
    }

    private void trainsAsOneThread(String backend, String cell, int hidden, double tolerance, Map<String, String> other)
            throws InterruptedException {
        Map<String, String> spec = new java.util.HashMap<>(Map.of("task", "adding", "length", "12", "cell", cell,
                "hidden", String.valueOf(hidden), "layers", "2", "batch", "16", "report", "1", "backend", backend,
                "seed", "7", "steps", "15"));
        spec.putAll(other);
        String task = spec.get("task");
        String one = "backend-one-" + backend + "-" + cell + hidden + "-" + task;
        String two = "backend-two-" + backend + "-" + cell + hidden + "-" + task;
        List<Double> oneThread = losses(one);
        List<Double> twoThreads = losses(two);
        trainer.create(one, spec);
        spec.put("threads", "2");
        trainer.create(two, spec);
        for (String run : List.of(one, two)) {
            trainer.start(run, 0);
            assertEquals(RunState.FINISHED, trainer.await(run, Duration.ofMinutes(2)).state());
        }
        String what = backend + " " + cell + " H = " + hidden;
        assertEquals(15, oneThread.size(), what);
        assertEquals(15, twoThreads.size(), what);
        for (int i = 0; i < 15; i++) {
            assertEquals(oneThread.get(i), twoThreads.get(i), tolerance * oneThread.get(i), what + " step " + (i + 1));
        }
        double evaluated = trainer.evaluate(one).loss();
        assertEquals(evaluated, trainer.evaluate(two).loss(), tolerance * evaluated, what + ": evaluation");
    }

    /**
     * precision=single on each backend with float32 products: the losses stay within 1e-3 of the
     * float64 run's at every step but are not the same numbers; a backend without them refuses.
     */
    @Test
    void singlePrecisionRunsOnTheBackendsWithFloat32Products() throws Exception {
        Await.service(context, MatrixBackend.class, "(" + Components.NAME + "=java-vector)", STARTUP);
        List<String> backends = new ArrayList<>(List.of("java-vector"));
        if (systemBlasInstalled()) {
            backends.add("native");
        }
        for (String backend : backends) {
            Map<String, String> spec = Map.of("task", "adding", "length", "12", "cell", "lstm", "hidden", "24",
                    "batch", "8", "report", "1", "backend", backend, "seed", "6", "steps", "60");
            List<Double> double64 = losses("backend-double-" + backend);
            List<Double> single = losses("backend-single-" + backend);
            trainer.create("backend-double-" + backend, spec);
            Map<String, String> singleSpec = new java.util.HashMap<>(spec);
            singleSpec.put("precision", "single");
            trainer.create("backend-single-" + backend, singleSpec);
            for (String run : List.of("backend-double-" + backend, "backend-single-" + backend)) {
                trainer.start(run, 0);
                assertEquals(RunState.FINISHED, trainer.await(run, Duration.ofMinutes(2)).state());
            }
            assertEquals(60, single.size());
            assertTrue(!double64.equals(single), backend + ": the products were float32");
            for (int i = 0; i < 60; i++) {
                assertEquals(double64.get(i), single.get(i), 1e-3 * double64.get(i), backend + " step " + (i + 1));
            }
        }
        org.rnnlab.api.RnnlabException refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.rnnlab.api.RnnlabException.class, () -> trainer.create("backend-refused",
                        Map.of("backend", "java", "precision", "single")));
        assertTrue(refused.getMessage().startsWith("precision=single needs float32 products, which backend java does "
                + "not have; backends with them: java-vector"), refused.getMessage());
    }

    private List<Double> losses(String run) {
        List<Double> losses = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(TrainingListener.RUN, run);
        ServiceRegistration<TrainingListener> registration = context.registerService(TrainingListener.class,
                new TrainingListener() {
                    @Override
                    public void step(StepReport report) {
                        losses.add(report.loss());
                    }
                }, properties);
        registrations.add(registration);
        return losses;
    }

    private final List<ServiceRegistration<TrainingListener>> registrations = new ArrayList<>();

    @AfterEach
    void unregisterListeners() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    private Bundle backendBundle() {
        return Stream.of(context.getBundles()).filter(b -> "org.rnnlab.backend-blas".equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }

    private List<String> nativeBackends() throws InvalidSyntaxException {
        return context.getServiceReferences(MatrixBackend.class, "(" + Components.NAME + "=native)").stream()
                .map(ref -> ref.getBundle().getSymbolicName()).toList();
    }

    /** netlib's JNI backend loads libblas.so.3 (Debian's libopenblas0 provides it). */
    private static boolean systemBlasInstalled() {
        return Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")
                .anyMatch(folder -> Files.exists(Path.of(folder, "libblas.so.3")));
    }
}
