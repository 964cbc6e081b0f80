package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleException;

/** FileInstall's log entries as the terminal's one line: the framework's reason, and a bundle's own. */
class DropInLogTest {
    @Test
    void anActivatorsFailureAddsTheBundlesOwnWords() {
        BundleException failure = new BundleException("Activator start error in bundle com.example.boom [50].",
                BundleException.ACTIVATOR_ERROR, new IllegalStateException("boom in start"));
        assertEquals("drop-in: Error while starting bundle: file:/h/drop-in/boom.jar: Activator start error in bundle "
                + "com.example.boom [50]: boom in start",
                DropInLog.line("Error while starting bundle: file:/h/drop-in/boom.jar", failure));
    }

    @Test
    void aResolverFailureKeepsItsFirstLineWithoutTheClassNameOrTheRepetition() {
        BundleException failure = new BundleException("org.osgi.framework.BundleException: Unable to resolve x [51]"
                + "(R 51.0): missing requirement [x [51](R 51.0)] osgi.wiring.package; (osgi.wiring.package=com.nowhere)"
                + " Unresolved requirements: [[x [51](R 51.0)] osgi.wiring.package]\nmore");
        assertEquals("drop-in: Error while starting bundle: file:/h/drop-in/x.jar: Unable to resolve x [51](R 51.0): "
                + "missing requirement [x [51](R 51.0)] osgi.wiring.package; (osgi.wiring.package=com.nowhere)",
                DropInLog.line("Error while starting bundle: file:/h/drop-in/x.jar", failure));
    }

    /** FileInstall's retries of a failed jar at every change in drop-in/ are shown once, until the jar changes. */
    @Test
    void theSameFailureOfTheSameJarIsShownOnceUntilTheJarChanges(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path jar = java.nio.file.Files.writeString(dir.resolve("x.jar"), "not a bundle");
        String line = "drop-in: Error while starting bundle: file:" + jar + ": Unable to resolve x";
        org.junit.jupiter.api.Assertions.assertTrue(DropInLog.firstTime(line));
        org.junit.jupiter.api.Assertions.assertFalse(DropInLog.firstTime(line), "a retry after an unrelated change");
        java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
                java.nio.file.Files.getLastModifiedTime(jar).toMillis() + 60_000));
        org.junit.jupiter.api.Assertions.assertTrue(DropInLog.firstTime(line), "the jar changed");
        String pathless = "drop-in: something about no jar";
        org.junit.jupiter.api.Assertions.assertTrue(DropInLog.firstTime(pathless));
        org.junit.jupiter.api.Assertions.assertTrue(DropInLog.firstTime(pathless), "without a jar, always shown");
    }

    @Test
    void withoutACauseTheMessageStandsAlone() {
        assertEquals("drop-in: Unable to transform artifact: /h/drop-in/y.jar",
                DropInLog.line("Unable to transform artifact: /h/drop-in/y.jar", null));
    }
}
