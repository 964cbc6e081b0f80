package org.rnnlab.launcher;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What FileInstall says about {@code drop-in/}: a jar that is no bundle, a bundle that does not
 * resolve or whose activator fails. FileInstall logs to the OSGi log service, which nothing
 * printed, so a broken drop-in passed without a word. Its warnings and errors now go to
 * java.util.logging like the bundles' own lines ({@link Logs}): one line on the terminal, with
 * the reason the framework gave, and the whole of it in {@code rnnlab.log}. The log service's
 * API is in a bundle, not on the launcher's class path, so the listener is a proxy of the
 * bundle's own interface and the entries are read reflectively (as {@link GogoSession} drives Gogo).
 *
 * <p>A jar that is no bundle FileInstall does not log at all: it offers each new or changed file
 * to its artifact listeners (a whiteboard of {@code ArtifactInstaller} and
 * {@code ArtifactTransformer} services) and passes over one that none handles. Such jars are named
 * when rnnlab starts ({@link #notBundles}) and, for those dropped while it runs, by a transformer
 * that takes exactly them and turns none into a bundle ({@link #nameNonBundles}): FileInstall
 * offers a jar to it on arrival and on each change, so a jar fixed into a bundle installs as any
 * other, and each is named once per change.
 */
final class DropInLog {
    private static final String READER = "org.osgi.service.log.LogReaderService";
    private static final String FILEINSTALL = "org.apache.felix.fileinstall";
    /** LogService.LOG_ERROR and LOG_WARNING. */
    private static final int ERROR = 1;
    private static final int WARNING = 2;
    private static final Logger LOG = Logger.getLogger("org.rnnlab.dropin");
    /** What FileInstall reported so far (failures to install, resolve or start): -c need not wait for those jars. */
    private static final java.util.Set<String> FAILED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final String TRANSFORMER = "org.apache.felix.fileinstall.ArtifactTransformer";
    /** The jars named as no bundle, with the size and modification time they had then: each is named once per change. */
    private static final java.util.Map<String, String> NAMED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String NOT_A_ZIP = "it is not a jar (zip) file";
    /** FileInstall looks every 2 s: a jar unreadable for longer than this is taken as it is. */
    private static final long ARRIVAL_MILLIS = 5_000;

    private DropInLog() {
    }

    /** Listens to every log reader that appears from now on. */
    static void watch(BundleContext context) {
        try {
            new ServiceTracker<Object, Object>(context, context.createFilter("(objectClass=" + READER + ")"), null) {
                @Override
                public Object addingService(ServiceReference<Object> reference) {
                    Object reader = super.addingService(reference);
                    listen(reference.getBundle(), reader);
                    return reader;
                }
            }.open();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void listen(Bundle provider, Object reader) {
        try {
            Class<?> listenerType = provider.loadClass("org.osgi.service.log.LogListener");
            Entries entries = new Entries(provider.loadClass("org.osgi.service.log.LogEntry"));
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().equals("logged") && args != null && args.length == 1) {
                    entries.logged(args[0]);
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "rnnlab drop-in log";
                    default -> null;
                };
            };
            Object listener = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType}, handler);
            // through the interface: the implementation class is not public
            provider.loadClass(READER).getMethod("addLogListener", listenerType).invoke(reader, listener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "drop-in problems will not be reported: the log reader could not be listened to", e);
        }
    }

    /** A log entry read through the log API's interface, whose methods are public (its implementations need not be). */
    private static final class Entries {
        private final Method bundle;
        private final Method level;
        private final Method message;
        private final Method exception;

        Entries(Class<?> entryType) throws NoSuchMethodException {
            bundle = entryType.getMethod("getBundle");
            level = entryType.getMethod("getLevel");
            message = entryType.getMethod("getMessage");
            exception = entryType.getMethod("getException");
        }

        /** One of FileInstall's entries at warning or error level, as one line. */
        void logged(Object entry) throws ReflectiveOperationException {
            Bundle from = (Bundle) bundle.invoke(entry);
            int severity = (Integer) level.invoke(entry);
            if (from == null || !FILEINSTALL.equals(from.getSymbolicName()) || severity > WARNING) {
                return;
            }
            String text = String.valueOf(message.invoke(entry));
            Throwable cause = (Throwable) exception.invoke(entry);
            FAILED.add(text);
            String line = line(text, cause);
            // FileInstall tries a failed bundle again at every change in drop-in/: the same failure of
            // the same jar goes to rnnlab.log only
            Level level = firstTime(line) ? severity == ERROR ? Level.SEVERE : Level.WARNING : Level.INFO;
            LOG.log(level, line, cause);
        }
    }

    /** The lines shown so far, with the modification time of the jar each names (0 if none). */
    private static final java.util.Map<String, Long> SHOWN = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern JAR = java.util.regex.Pattern.compile("(?:file:)?(/[^\\s:]+\\.jar)");

    /** Whether {@code line} has not been shown yet for its jar as the jar is now. */
    static boolean firstTime(String line) {
        java.util.regex.Matcher jar = JAR.matcher(line);
        long modified = jar.find() ? new java.io.File(jar.group(1)).lastModified() : 0;
        Long before = SHOWN.put(line, modified);
        return before == null || before != modified || modified == 0;
    }

    /** Whether FileInstall has reported a problem naming the drop-in file {@code jar}. */
    static boolean failed(String jar) {
        return FAILED.stream().anyMatch(message -> message.endsWith("/" + jar) || message.endsWith("\\" + jar));
    }

    /**
     * FileInstall's words and, after them, the reason the framework gave: its first line, without
     * the class name FileInstall's wrapping puts in front, and without the resolver's repetition
     * of the requirement.
     */
    static String line(String message, Throwable cause) {
        String text = "drop-in: " + message.strip();
        String reason = firstLine(cause);
        if (reason == null) {
            return text;
        }
        int repeated = reason.indexOf(" Unresolved requirements:");
        String line = text + ": " + (repeated > 0 ? reason.substring(0, repeated) : reason);
        // an activator's failure: the framework's words, then the bundle's own (the innermost cause)
        Throwable innermost = cause;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String own = firstLine(innermost);
        if (own == null || innermost == cause || line.contains(own)) {
            return line;
        }
        return (line.endsWith(".") ? line.substring(0, line.length() - 1) : line) + ": " + own;
    }

    /** The first line of a failure's message, without a class name in front; null if it has none. */
    private static String firstLine(Throwable failure) {
        String message = failure == null ? null : failure.getMessage();
        if (message == null || message.isBlank()) {
            return null;
        }
        return message.lines().findFirst().orElse("").strip().replaceFirst("^([a-z_][\\w$]*\\.)+[A-Z][\\w$]*: ", "");
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
                if (!FILEINSTALL.equals(bundle.getSymbolicName())) {
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
                return inDropIn(dropIn, args[0]) && whyNotABundle(path(args[0])) != null && !stillArriving(path(args[0]));
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
     * Whether {@code file} may be a jar still being copied: unreadable and changed in the last
     * few seconds. It is left to FileInstall, which offers it again on its next look, so a bundle
     * copied slowly is not named as broken on the way.
     */
    private static boolean stillArriving(java.nio.file.Path file) {
        return NOT_A_ZIP.equals(whyNotABundle(file))
                && System.currentTimeMillis() - file.toFile().lastModified() < ARRIVAL_MILLIS;
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
