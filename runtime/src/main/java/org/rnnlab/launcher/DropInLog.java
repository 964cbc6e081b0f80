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
 * What FileInstall says about {@code drop-in/}: a bundle that does not install,
 * resolve or whose activator fails. FileInstall logs to the OSGi log service, which nothing
 * printed, so a broken drop-in passed without a word. Its warnings and errors now go to
 * java.util.logging like the bundles' own lines ({@link Logs}): one line on the terminal, with
 * the reason the framework gave, and the whole of it in {@code rnnlab.log}. The log service's
 * API is in a bundle, not on the launcher's class path, so the listener is a proxy of the
 * bundle's own interface and the entries are read reflectively (as {@link GogoSession} drives Gogo).
 *
 * <p>Jars that are no bundle, which FileInstall does not log at all, are named by
 * {@link NonBundleJars}.
 */
final class DropInLog {
    private static final String READER = "org.osgi.service.log.LogReaderService";
    static final String FILEINSTALL = "org.apache.felix.fileinstall";
    /** LogService.LOG_ERROR and LOG_WARNING. */
    private static final int ERROR = 1;
    private static final int WARNING = 2;
    private static final Logger LOG = Logger.getLogger("org.rnnlab.dropin");
    /** What FileInstall reported so far (failures to install, resolve or start): -c need not wait for those jars. */
    private static final java.util.Set<String> FAILED = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
}
