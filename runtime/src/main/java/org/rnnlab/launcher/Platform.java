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
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Starts Felix with the bundles exported into this jar ({@code bundles/}, from
 * cnf/platform.bnd) and the run properties of that same file, plus the per-start ones: the
 * home folder, its drop-in folder for FileInstall, and a fresh framework cache in the process's
 * {@link Scratch} folder.
 */
final class Platform {
    /** Bundles of the interactive console: left stopped when commands come from -c or --script. */
    private static final Set<String> CONSOLE = Set.of("org.jline", "org.apache.felix.gogo.jline");

    private Platform() {
    }

    static Framework start(Path home, Path scratch, boolean interactive, ExitCommand exit)
            throws BundleException, IOException {
        Path dropIn = Files.createDirectories(home.resolve("drop-in"));
        Files.createDirectories(home.resolve("runs"));
        Map<String, String> properties = new HashMap<>(runProperties());
        // -Dkey=value on the command line replaces a platform default (e.g. the dashboard's port)
        properties.replaceAll((key, value) -> System.getProperty(key, value));
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
        List<PlatformBundle> platform = platformBundles();
        List<String> order = platform.stream().map(PlatformBundle::name).toList();
        toStart.sort(java.util.Comparator.comparingInt(b -> order.contains(b.getSymbolicName())
                ? order.indexOf(b.getSymbolicName()) : order.size()));
        framework.start();
        DropInLog.watch(framework.getBundleContext()); // before FileInstall starts, so its first scan is heard
        NonBundleJars.nameNonBundles(framework.getBundleContext(), dropIn);
        if (interactive) {
            NonBundleJars.notBundles(dropIn); // -c names them as it waits for the drop-ins (Main.awaitDropIns)
        }
        Readiness readiness = new Readiness();
        readiness.register(framework.getBundleContext());
        exit.register(framework.getBundleContext());
        UnknownCommand.register(framework.getBundleContext());
        BundleCommandFailures.register(framework.getBundleContext());
        int highest = 1;
        for (Bundle bundle : toStart) {
            int level = platform.stream().filter(p -> p.name().equals(bundle.getSymbolicName()))
                    .mapToInt(PlatformBundle::startLevel).findFirst().orElse(1);
            highest = Math.max(highest, level);
            bundle.adapt(BundleStartLevel.class).setStartLevel(level);
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start(); // at once, or when the framework reaches its level
            }
        }
        readiness.awaitCommands(framework.getBundleContext());
        // what can wait (the dashboard's web server) starts after the prompt, on Felix's own thread
        framework.adapt(FrameworkStartLevel.class).setStartLevel(highest);
        return framework;
    }

    /** The profile's line that {@link BundleCommandFailures#definitions} replace. */
    static final String BUNDLE_COMMANDS = "# (the closures of BundleCommandFailures.definitions go here)";

    /** Gogo reads {@code etc/gosh_profile} under gosh.home at login: rnnlab's own profile. */
    private static Path writeShellProfile(Path scratch) throws IOException {
        Path etc = Files.createDirectories(scratch.resolve("gosh").resolve("etc"));
        String profile;
        try (InputStream in = Platform.class.getResourceAsStream("gosh_profile")) {
            profile = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String indent = "  ";
        if (!profile.contains(indent + BUNDLE_COMMANDS + "\n")) {
            throw new IllegalStateException("gosh_profile lacks the line for the bundle commands' closures");
        }
        profile = profile.replace(indent + BUNDLE_COMMANDS + "\n",
                indent + String.join("\n" + indent, BundleCommandFailures.definitions()) + "\n");
        Files.writeString(etc.resolve("gosh_profile"), profile);
        return etc.getParent();
    }

    /** A bundle of {@code -runbundles.platform}: its name and its {@code startlevel} (1 unless given). */
    record PlatformBundle(String name, int startLevel) {
    }

    /**
     * The bundles of {@code -runbundles.platform}, in order: they start in that order, as under
     * bnd's launcher in the tests (the console's bundles, not in that list, come last).
     */
    static List<PlatformBundle> platformBundles() {
        List<PlatformBundle> bundles = new ArrayList<>();
        for (String entry : splitOutsideQuotes(platformBnd().getProperty("-runbundles.platform", ""))) {
            String[] parts = entry.split(";");
            int level = 1;
            for (String attribute : parts) {
                if (attribute.strip().startsWith("startlevel=")) {
                    level = Integer.parseInt(attribute.strip().substring("startlevel=".length()).replace("'", ""));
                }
            }
            if (!parts[0].isBlank()) {
                bundles.add(new PlatformBundle(parts[0].strip(), level));
            }
        }
        return bundles;
    }

    private static List<String> splitOutsideQuotes(String list) {
        List<String> entries = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        boolean quoted = false;
        for (char c : list.toCharArray()) {
            if (c == '\'' || c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                entries.add(entry.toString());
                entry.setLength(0);
            } else {
                entry.append(c);
            }
        }
        entries.add(entry.toString());
        return entries;
    }

    /** {@code -runproperties.platform} of cnf/platform.bnd, copied into this jar at build time. */
    static Map<String, String> runProperties() {
        Map<String, String> properties = new HashMap<>();
        for (String pair : platformBnd().getProperty("-runproperties.platform", "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                properties.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return properties;
    }

    private static Properties platformBnd() {
        Properties bnd = new Properties();
        try (InputStream in = Platform.class.getResourceAsStream("platform.bnd")) {
            bnd.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bnd;
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
