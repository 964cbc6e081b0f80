package org.rnnlab.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;

/**
 * The console starts with the other bundles and sets up its terminal meanwhile, but shows its
 * prompt only when the rnn commands answer: the launcher registers this object as the Gogo
 * command {@code rnnlab:awaitready}, which rnnlab's gosh profile calls first, and releases it
 * once the commands are registered. (Gogo calls commands reflectively, so no class is shared
 * with the framework.)
 */
public final class Readiness {
    private final CountDownLatch ready = new CountDownLatch(1);

    void register(BundleContext context) {
        LauncherCommand.register(context, this, "awaitready");
    }

    /** Releases the console's prompt once the rnn commands are registered (at most 10 s). */
    void awaitCommands(BundleContext context) {
        try {
            org.osgi.util.tracker.ServiceTracker<Object, Object> commands = new org.osgi.util.tracker.ServiceTracker<>(
                    context, context.createFilter("(osgi.command.scope=rnn)"), null);
            commands.open();
            try {
                commands.waitForService(10_000);
            } finally {
                commands.close();
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ready.countDown();
        }
    }

    /** Gogo command: blocks until the runtime is ready (at most 30 s). */
    public void awaitready() throws InterruptedException {
        ready.await(30, TimeUnit.SECONDS);
    }
}
