package org.rnnlab.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where the bundles' log lines go (java.util.logging, which System.Logger uses by default):
 * everything from INFO up, one line each, to {@code rnnlab.log} in the home folder; only
 * warnings and errors to the terminal, so notes such as "backend java-vector is not available"
 * do not interrupt command output; and the trainer's notices ({@code org.rnnlab.notice}: a run
 * saved as the runtime stopped, runs to recover) to the terminal too. The terminal gets the
 * message alone, first line, as {@code rnnlab: ...}: which class logged it, the time and any
 * stack trace are for {@code rnnlab.log}.
 */
final class Logs {
    /** Held so the level set on it is not lost when the logger is garbage-collected. */
    private static final Logger NETLIB = Logger.getLogger("dev.ludovic.netlib");
    /** The trainer's notes for the person at the terminal (a run saved at exit, runs to recover). */
    private static final Logger NOTICE = Logger.getLogger("org.rnnlab.notice");
    /** Hazelcast's OSGi support misses a JavaScript engine that rnnlab never uses, at every start. */
    private static final Logger HAZELCAST_SCRIPTS = Logger.getLogger("com.hazelcast.osgi.impl.OSGiScriptEngineManager");

    /**
     * rnnlab.log's handler: closed by {@link #closeFile} once the framework has stopped, because
     * {@link ShutdownSafeLogManager} keeps it open through the JVM's shutdown and only closing it
     * deletes its lock file ({@code rnnlab.log.lck}).
     */
    private static FileHandler file;

    private Logs() {
    }

    static void configure(Path home) throws IOException {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        java.util.logging.Formatter forPeople = new java.util.logging.Formatter() {
            @Override
            public String format(java.util.logging.LogRecord record) {
                String message = WebServer.unboundConnector(record);
                if (message == null) {
                    message = formatMessage(record);
                }
                return "rnnlab: " + (message == null ? "" : message.lines().findFirst().orElse("")) + System.lineSeparator();
            }
        };
        for (Handler console : root.getHandlers()) {
            console.setLevel(Level.WARNING);
            console.setFormatter(forPeople);
            console.setFilter(WebServer::forTheTerminal);
        }
        FileHandler handler = new FileHandler(home.resolve("rnnlab.log").toString(), true);
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(Level.INFO);
        root.addHandler(handler);
        synchronized (Logs.class) {
            file = handler;
        }
        // netlib logs each implementation it could not load; rnnlab's own one-line note says it better
        NETLIB.setLevel(Level.SEVERE);
        HAZELCAST_SCRIPTS.setLevel(Level.SEVERE);
        Handler terminal = new java.util.logging.StreamHandler(System.err, forPeople) {
            @Override
            public synchronized void publish(java.util.logging.LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        terminal.setLevel(Level.INFO);
        NOTICE.addHandler(terminal);
    }

    /**
     * Closes rnnlab.log, deleting its lock file, once nothing is left to say: the framework has
     * stopped. Lines logged after it reach the terminal's handlers only. Safe to call twice.
     */
    static synchronized void closeFile() {
        if (file != null) {
            // from every logger that holds it (the cluster add-on gives it to Hazelcast's too)
            java.util.Enumeration<String> names = java.util.logging.LogManager.getLogManager().getLoggerNames();
            while (names.hasMoreElements()) {
                Logger logger = java.util.logging.LogManager.getLogManager().getLogger(names.nextElement());
                if (logger != null) {
                    logger.removeHandler(file);
                }
            }
            file.close();
            file = null;
        }
    }

    /**
     * Felix HTTP's lines when the web server cannot listen (a port in use, a port out of range):
     * three, naming Jetty's connector object. The terminal gets one instead, saying where it could
     * not listen and why; rnnlab.log keeps all three with the stack trace.
     */
    static final class WebServer {
        private static final String LOGGER = "org.apache.felix.http";
        private static final java.util.regex.Pattern CONNECTOR =
                java.util.regex.Pattern.compile("Failed to start Connector: .*\\{([^{}]*:\\d+)\\}\\s*$");

        private WebServer() {
        }

        /** When the last connector failure was told, in nanoseconds: Jetty's two lines after it are left out. */
        private static volatile long toldAt = Long.MIN_VALUE;

        static boolean forTheTerminal(java.util.logging.LogRecord record) {
            if (!LOGGER.equals(record.getLoggerName())) {
                return true;
            }
            if (unboundConnector(record) != null) {
                toldAt = System.nanoTime();
                return true;
            }
            String message = String.valueOf(record.getMessage());
            boolean aftermath = message.startsWith("Jetty stopped (no connectors")
                    || message.startsWith("Exception while initializing Jetty");
            // only right after a connector line: another failure to start (a keystore, say) still reaches the terminal
            return !(aftermath && System.nanoTime() - toldAt < 5_000_000_000L);
        }

        /** The one line for a connector that could not listen, or null for any other record. */
        static String unboundConnector(java.util.logging.LogRecord record) {
            if (!LOGGER.equals(record.getLoggerName()) || record.getMessage() == null) {
                return null;
            }
            java.util.regex.Matcher m = CONNECTOR.matcher(record.getMessage());
            if (!m.find()) {
                return null;
            }
            Throwable cause = record.getThrown();
            while (cause != null && cause.getCause() != null) {
                cause = cause.getCause();
            }
            String why = cause == null || cause.getMessage() == null ? "see rnnlab.log" : cause.getMessage();
            return "the dashboard's web server could not listen on " + m.group(1) + ": " + why
                    + " (rnn:dashboard tells where it is; drop-in/org.apache.felix.http.cfg moves it)";
        }
    }
}
