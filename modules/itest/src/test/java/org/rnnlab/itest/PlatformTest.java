package org.rnnlab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.rnnlab.api.Components;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.trainer.Trainer;

/** The platform of cnf/platform.bnd starts completely and every built-in component is registered. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class PlatformTest {
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private static final Set<String> RNNLAB_BUNDLES = Set.of("org.rnnlab.api", "org.rnnlab.core",
            "org.rnnlab.cell-rnn", "org.rnnlab.cell-lstm", "org.rnnlab.cell-gru", "org.rnnlab.cell-esn",
            "org.rnnlab.init", "org.rnnlab.optim",
            "org.rnnlab.remedy", "org.rnnlab.tasks", "org.rnnlab.trainer", "org.rnnlab.shell", "org.ejml");
    private static final Set<String> SERVICES_BUNDLES = Set.of("org.apache.felix.scr", "org.apache.felix.configadmin",
            "org.apache.felix.fileinstall", "org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command");

    @InjectBundleContext
    BundleContext context;

    @Test
    void everyBundleIsActive() {
        List<String> inactive = Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                .filter(bundle -> bundle.getState() != Bundle.ACTIVE)
                .map(bundle -> bundle.getSymbolicName() + " (state " + bundle.getState() + ")")
                .collect(Collectors.toList());
        assertEquals(List.of(), inactive, "bundles not active");

        Set<String> installed = installedSymbolicNames();
        assertTrue(installed.containsAll(RNNLAB_BUNDLES), "rnnlab bundles missing from " + installed);
        assertTrue(installed.containsAll(SERVICES_BUNDLES), "platform services missing from " + installed);
    }

    @Test
    void theConsoleIsNotPartOfTheTestRun() {
        // It would read the test process's stdin.
        Set<String> installed = installedSymbolicNames();
        assertFalse(installed.contains("org.apache.felix.gogo.jline"), "gogo.jline installed");
        assertFalse(installed.contains("org.jline"), "jline installed");
    }

    static Stream<Arguments> builtInComponents() {
        return Stream.of(
                Arguments.of(CellType.class, "rnn-tanh"),
                Arguments.of(CellType.class, "rnn-relu"),
                Arguments.of(CellType.class, "lstm"),
                Arguments.of(CellType.class, "gru"),
                Arguments.of(CellType.class, "mgu"),
                Arguments.of(CellType.class, "mingru"),
                Arguments.of(CellType.class, "esn"),
                Arguments.of(Initializer.class, "zero"),
                Arguments.of(Initializer.class, "constant"),
                Arguments.of(Initializer.class, "uniform"),
                Arguments.of(Initializer.class, "normal"),
                Arguments.of(Initializer.class, "xavier-uniform"),
                Arguments.of(Initializer.class, "xavier-normal"),
                Arguments.of(Initializer.class, "he-uniform"),
                Arguments.of(Initializer.class, "he-normal"),
                Arguments.of(Initializer.class, "lecun-normal"),
                Arguments.of(Initializer.class, "orthogonal"),
                Arguments.of(Initializer.class, "identity"),
                Arguments.of(Initializer.class, "spectral"),
                Arguments.of(Initializer.class, "forget-bias"),
                Arguments.of(Initializer.class, "chrono"),
                Arguments.of(Optimizer.class, "sgd"),
                Arguments.of(Optimizer.class, "momentum"),
                Arguments.of(Optimizer.class, "nesterov"),
                Arguments.of(Optimizer.class, "adagrad"),
                Arguments.of(Optimizer.class, "rmsprop"),
                Arguments.of(Optimizer.class, "adam"),
                Arguments.of(Optimizer.class, "adamw"),
                Arguments.of(Optimizer.class, "amsgrad"),
                Arguments.of(Optimizer.class, "adamax"),
                Arguments.of(Optimizer.class, "nadam"),
                Arguments.of(GradientRemedy.class, "clip-norm"),
                Arguments.of(GradientRemedy.class, "clip-value"),
                Arguments.of(GradientRemedy.class, "clip-param"),
                Arguments.of(GradientRemedy.class, "clip-adaptive"),
                Arguments.of(GradientRemedy.class, "tbptt"),
                Arguments.of(GradientRemedy.class, "l1"),
                Arguments.of(GradientRemedy.class, "l2"),
                Arguments.of(GradientRemedy.class, "pascanu"),
                Arguments.of(GradientRemedy.class, "nonfinite-guard"),
                Arguments.of(Task.class, "adding"),
                Arguments.of(Task.class, "text"),
                Arguments.of(Task.class, "mackey-glass"),
                Arguments.of(Task.class, "temporal-order"),
                Arguments.of(Task.class, "copy-memory"),
                Arguments.of(MatrixBackend.class, "java"),
                Arguments.of(MatrixBackend.class, "ejml"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("builtInComponents")
    void componentIsRegisteredUnderItsInterfaceWithItsName(Class<?> api, String name) throws InterruptedException {
        ServiceReference<?> ref = Await.service(context, api, "(" + Components.NAME + "=" + name + ")", STARTUP);

        assertTrue(Arrays.asList((String[]) ref.getProperty(Constants.OBJECTCLASS)).contains(api.getName()),
                "registered under " + api.getName());
        assertTrue(ref.getBundle().getSymbolicName().startsWith("org.rnnlab."),
                "registered by " + ref.getBundle().getSymbolicName());
        Object description = ref.getProperty(Components.DESCRIPTION);
        assertTrue(description instanceof String && !((String) description).isBlank(),
                name + " has no " + Components.DESCRIPTION);
    }

    @Test
    void theTrainerServiceIsRegistered(@InjectService(timeout = 30_000) Trainer trainer) {
        assertNotNull(trainer);
        ServiceReference<Trainer> ref = context.getServiceReference(Trainer.class);
        assertEquals("org.rnnlab.trainer", ref.getBundle().getSymbolicName());
    }

    private Set<String> installedSymbolicNames() {
        return Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
