package org.rnnlab.launcher;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A Gogo command session opened from outside the framework. Gogo's API classes live in a
 * bundle, not on the launcher's class path, so the session is driven reflectively with
 * java.* types only.
 */
final class GogoSession implements AutoCloseable {
    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private final Object session;
    private final Method execute;
    private final Method format;
    private final Method close;

    private GogoSession(Object session) throws NoSuchMethodException {
        Class<?> type = interfaceOf(session.getClass(), "org.apache.felix.service.command.CommandSession");
        this.session = session;
        this.execute = type.getMethod("execute", CharSequence.class);
        this.format = type.getMethod("format", Object.class, int.class);
        this.close = type.getMethod("close");
    }

    /** Waits for Gogo and for the rnn commands, then opens a session on the given streams. */
    static GogoSession open(BundleContext context, PrintStream out, PrintStream err, long timeoutMillis)
            throws Exception {
        ServiceTracker<Object, Object> commands = new ServiceTracker<>(context,
                context.createFilter("(osgi.command.scope=rnn)"), null);
        commands.open();
        ServiceTracker<Object, Object> processors = new ServiceTracker<>(context,
                context.createFilter("(objectClass=" + PROCESSOR + ")"), null);
        processors.open();
        try {
            if (commands.waitForService(timeoutMillis) == null) {
                throw new IllegalStateException("the rnn commands did not appear within " + timeoutMillis + " ms");
            }
            Object processor = processors.waitForService(timeoutMillis);
            if (processor == null) {
                throw new IllegalStateException("Gogo's command processor did not appear within " + timeoutMillis + " ms");
            }
            Method create = interfaceOf(processor.getClass(), PROCESSOR)
                    .getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class);
            GogoSession session = new GogoSession(create.invoke(processor, InputStream.nullInputStream(), out, err));
            session.put("rnnlab.lineProgress", Boolean.TRUE);
            session.put("SCOPE", "felix:rnn:gogo:*"); // as in the interactive profile: Felix first, then rnn
            return session;
        } finally {
            commands.close();
            processors.close();
        }
    }

    void put(String name, Object value) throws ReflectiveOperationException {
        interfaceOf(session.getClass(), "org.apache.felix.service.command.CommandSession")
                .getMethod("put", String.class, Object.class).invoke(session, name, value);
    }

    /** Runs one command and returns its printable result (null when it returned nothing). */
    String execute(String command) throws Exception {
        Object result;
        try {
            result = execute.invoke(session, command);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
        return result == null ? null : String.valueOf(format.invoke(session, result, 0));
    }

    @Override
    public void close() throws ReflectiveOperationException {
        close.invoke(session);
    }

    private static Class<?> interfaceOf(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name)) {
                    return i;
                }
            }
        }
        throw new IllegalStateException(type + " does not implement " + name);
    }
}
