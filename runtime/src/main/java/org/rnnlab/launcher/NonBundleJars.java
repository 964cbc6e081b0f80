package org.rnnlab.launcher;

import java.lang.reflect.Proxy;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The jars in {@code drop-in/} that are no bundle (not a zip, no manifest, no
 * Bundle-SymbolicName), named on the terminal in one line each. FileInstall does not log them: it
 * offers each new or changed file to its artifact listeners (a whiteboard of
 * {@code ArtifactInstaller} and {@code ArtifactTransformer} services) and passes over one that none
 * handles. They are named when rnnlab starts ({@link #notBundles}) and, for those dropped while it
 * runs, by a transformer that takes exactly them and turns none into a bundle
 * ({@link #nameNonBundles}): FileInstall offers a jar to it on arrival and on each change, so a jar
 * fixed into a bundle installs as any other, and each is named once per change. A drop-in bundle
 * uninstalled while its jar is still there is named too. What FileInstall does log goes through
 * {@link DropInLog}.
 */
final class NonBundleJars {
    private static final Logger LOG = Logger.getLogger("org.rnnlab.dropin");
    private static final String TRANSFORMER = "org.apache.felix.fileinstall.ArtifactTransformer";
    /** The jars named as no bundle, with the size and modification time they had then: each is named once per change. */
    private static final java.util.Map<String, String> NAMED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String NOT_A_ZIP = "it is not a jar (zip) file";
    /** FileInstall looks every 2 s: a jar unreadable for longer than this is taken as it is. */
    private static final long ARRIVAL_MILLIS = 5_000;

    private NonBundleJars() {
    }

    /**
     * Names each jar in {@code dropIn} that is no bundle (not a zip, no manifest, no
     * Bundle-SymbolicName): FileInstall passes such a file over without a word. Returns their
     * names, which a start with {@code -c} then does not wait for.
     */
    static java.util.Set<String> notBundles(java.nio.file.Path dropIn) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.list(dropIn)) {
            for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
                if (nameIfNotABundle(file)) {
                    names.add(file.getFileName().toString());
                }
            }
        } catch (java.io.IOException e) {
            LOG.log(Level.INFO, "could not list " + dropIn, e);
        }
        return names;
    }

    /** Whether {@code file} is a jar that is no bundle; if so, names it unless it was named as it is now. */
    private static boolean nameIfNotABundle(java.nio.file.Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".jar") || !java.nio.file.Files.isRegularFile(file)) {
            return false;
        }
        String why = whyNotABundle(file);
        if (why == null) {
            return false;
        }
        String version = file.toFile().length() + "@" + file.toFile().lastModified();
        if (!version.equals(NAMED.put(name, version))) {
            LOG.warning("drop-in: " + name + " is not a bundle (" + why + "); FileInstall installs only jars "
                    + "whose manifest has a Bundle-SymbolicName");
        }
        return true;
    }

    /**
     * Registers, in FileInstall's name once it starts (so the interface is the one FileInstall
     * tracks), an {@code ArtifactTransformer} that handles the jars of {@code dropIn} that are no
     * bundle: FileInstall hands each such jar to it on arrival and on each change; it names the jar
     * and makes nothing of it, so FileInstall installs nothing and offers the file again only when
     * it changes.
     */
    static void nameNonBundles(BundleContext context, java.nio.file.Path dropIn) {
        // A drop-in bundle whose jar became one that is no bundle: FileInstall uninstalls it and
        // does not offer the file again until it changes, so it is named here.
        context.addBundleListener(event -> {
            if (event.getType() == org.osgi.framework.BundleEvent.UNINSTALLED) {
                java.nio.file.Path file = dropInFile(dropIn, event.getBundle().getLocation());
                if (file != null && java.nio.file.Files.exists(file) && !nameIfNotABundle(file)) {
                    // still a bundle, yet gone: removed by hand, or by FileInstall with another jar of the same name
                    LOG.warning("drop-in: " + event.getBundle().getSymbolicName() + " from " + file.getFileName()
                            + " was uninstalled while its jar is still there; FileInstall installs it again when "
                            + "the file changes (touch it)");
                }
            }
        });
        new org.osgi.util.tracker.BundleTracker<Object>(context, Bundle.ACTIVE, null) {
            @Override
            public Object addingBundle(Bundle bundle, org.osgi.framework.BundleEvent event) {
                if (!DropInLog.FILEINSTALL.equals(bundle.getSymbolicName())) {
                    return null;
                }
                try {
                    Class<?> transformer = bundle.loadClass(TRANSFORMER);
                    Object proxy = Proxy.newProxyInstance(transformer.getClassLoader(), new Class<?>[] {transformer},
                            (self, method, args) -> transformerCall(dropIn, self, method.getName(), args));
                    // asked last: a transformer someone drops in that wraps plain jars into bundles comes first
                    java.util.Dictionary<String, Object> properties = new java.util.Hashtable<>();
                    properties.put(org.osgi.framework.Constants.SERVICE_RANKING, Integer.MIN_VALUE);
                    return bundle.getBundleContext().registerService(TRANSFORMER, proxy, properties);
                } catch (ClassNotFoundException | RuntimeException e) {
                    LOG.log(Level.INFO, "jars dropped in while rnnlab runs will not be checked for being bundles", e);
                    return null;
                }
            }
        }.open();
    }

    /** The transformer's methods: canHandle(File) and transform(File, File), which makes nothing. */
    private static Object transformerCall(java.nio.file.Path dropIn, Object self, String method, Object[] args) {
        switch (method) {
            case "canHandle":
                return inDropIn(dropIn, args[0]) && takes(path(args[0]));
            case "transform":
                nameIfNotABundle(path(args[0]));
                return null;
            case "hashCode":
                return System.identityHashCode(self);
            case "equals":
                return self == args[0];
            case "toString":
                return "rnnlab: names drop-in jars that are no bundle";
            default:
                return null;
        }
    }

    /**
     * Whether the transformer takes {@code file}: a jar that is no bundle, unless it is unreadable
     * and changed in the last few seconds (maybe still being copied; FileInstall offers it again on
     * its next look, so a bundle copied slowly is not named as broken on the way).
     */
    private static boolean takes(java.nio.file.Path file) {
        String why = whyNotABundle(file);
        return why != null
                && !(why.equals(NOT_A_ZIP) && System.currentTimeMillis() - file.toFile().lastModified() < ARRIVAL_MILLIS);
    }

    /** The file of {@code dropIn} a bundle was installed from, or null. */
    private static java.nio.file.Path dropInFile(java.nio.file.Path dropIn, String location) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of(java.net.URI.create(location)).toAbsolutePath().normalize();
            return dropIn.toAbsolutePath().normalize().equals(file.getParent()) ? file : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null; // not a file: location (rnnlab's own bundles, a bundle installed by hand)
        }
    }

    private static java.nio.file.Path path(Object file) {
        return ((java.io.File) file).toPath();
    }

    private static boolean inDropIn(java.nio.file.Path dropIn, Object file) {
        java.nio.file.Path path = path(file).toAbsolutePath().normalize();
        return path.getFileName().toString().endsWith(".jar") && dropIn.toAbsolutePath().normalize().equals(path.getParent());
    }

    private static String whyNotABundle(java.nio.file.Path file) {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(file.toFile())) {
            java.util.jar.Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return "it has no META-INF/MANIFEST.MF";
            }
            return manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null
                    ? "its manifest names no Bundle-SymbolicName" : null;
        } catch (java.io.IOException | SecurityException e) {
            return NOT_A_ZIP;
        }
    }
}
