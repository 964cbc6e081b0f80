package org.rnnlab.launcher;

import java.util.logging.LogManager;

/**
 * java.util.logging closes every handler in a shutdown hook of its own, in no fixed order with
 * the launcher's hook that stops the framework; the trainer's last words (the runs it saved as
 * the runtime stopped) would then go nowhere. This manager ignores that reset during shutdown:
 * the handlers flush after every record, and the JVM closes the files. {@link Main} names it in
 * {@code java.util.logging.manager} before anything logs.
 */
public final class ShutdownSafeLogManager extends LogManager {
    @Override
    public void reset() {
        if (!shuttingDown()) {
            super.reset();
        }
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
