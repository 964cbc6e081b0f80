package org.rnnlab.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts Felix with the bundles exported into this jar ({@code bundles/}, from
 * cnf/platform.bnd) and the run properties of that same file, plus the per-start ones: the
 * home folder, its drop-in folder for FileInstall, and a fresh framework cache.
 */
final class Platform {
    /** Bundles of the interactive console: left stopped when commands come from -c or --script. */
    private static final Set<String> CONSOLE = Set.of("org.jline", "org.apache.felix.gogo.jline");

    private Platform() {
    }

    static Framework start(Path home, boolean interactive, ExitCommand exit) throws BundleException, IOException {
        Path dropIn = Files.createDirectories(home.resolve("drop-in"));
        Files.createDirectories(home.resolve("runs"));
        Map<String, String> properties = new HashMap<>(runProperties());
        Path scratch = Files.createTempDirectory("rnnlab-");
        scratch.toFile().deleteOnExit();
        properties.put(Constants.FRAMEWORK_STORAGE, scratch.resolve("felix-cache").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("felix.fileinstall.dir", dropIn.toString());
        properties.put("rnnlab.home", home.toString());
        properties.put("gosh.args", "--login");
        properties.put("gosh.home", writeShellProfile(scratch).toString());
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(properties);
        framework.init();
        List<Bundle> toStart = new ArrayList<>();
        Map<String, byte[]> jars = embeddedBundles();
        EmbeddedBundles.register(framework.getBundleContext(), jars);
        for (Map.Entry<String, byte[]> jar : jars.entrySet()) {
            Bundle bundle = framework.getBundleContext().installBundle(EmbeddedBundles.PROTOCOL + ":" + jar.getKey(),
                    new java.io.ByteArrayInputStream(jar.getValue()));
            if (interactive || !CONSOLE.contains(bundle.getSymbolicName())) {
                toStart.add(bundle);
            }
        }
        framework.start();
        Readiness readiness = new Readiness();
        readiness.register(framework.getBundleContext());
        exit.register(framework.getBundleContext());
        for (Bundle bundle : toStart) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        readiness.awaitCommands(framework.getBundleContext());
        return framework;
    }

    /** Gogo reads {@code etc/gosh_profile} under gosh.home at login: rnnlab's own profile. */
    private static Path writeShellProfile(Path scratch) throws IOException {
        Path etc = Files.createDirectories(scratch.resolve("gosh").resolve("etc"));
        try (InputStream in = Platform.class.getResourceAsStream("gosh_profile")) {
            Files.copy(in, etc.resolve("gosh_profile"));
        }
        return etc.getParent();
    }

    /** {@code -runproperties.platform} of cnf/platform.bnd, copied into this jar at build time. */
    static Map<String, String> runProperties() {
        Properties bnd = new Properties();
        try (InputStream in = Platform.class.getResourceAsStream("platform.bnd")) {
            bnd.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>();
        for (String pair : bnd.getProperty("-runproperties.platform", "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                properties.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return properties;
    }

    /** The bundle jars under {@code bundles/} in this launcher's jar, by file name. */
    private static Map<String, byte[]> embeddedBundles() throws IOException {
        Map<String, byte[]> bundles = new java.util.TreeMap<>();
        Path self;
        try {
            self = Path.of(Platform.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the launcher jar", e);
        }
        if (Files.isDirectory(self)) { // run from target/classes during development
            try (var files = Files.list(self.resolve("bundles"))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    bundles.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
            return bundles;
        }
        try (JarFile jar = new JarFile(self.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("bundles/") && entry.getName().endsWith(".jar")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        bundles.put(entry.getName().substring("bundles/".length()), in.readAllBytes());
                    }
                }
            }
        }
        if (bundles.isEmpty()) {
            throw new IOException("no bundles inside " + self + "; rebuild with mvn package");
        }
        return bundles;
    }
}
