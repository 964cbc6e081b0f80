package org.rnnlab.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * The Gogo command {@code exit [CODE]}: stops the runtime, and the launcher exits with CODE
 * (default 0). Gogo's console itself only knows Ctrl-D. Like {@link Readiness} it is called
 * reflectively, so no class is shared with the framework.
 */
public final class ExitCommand {
    private volatile Bundle framework;
    private volatile Integer code;

    void register(BundleContext context) {
        framework = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
        LauncherCommand.register(context, this, "exit");
    }

    public void exit() throws BundleException {
        exit(Main.OK);
    }

    /** Stopping the system bundle returns at once; the framework stops on its own thread. */
    public void exit(int status) throws BundleException {
        code = status;
        framework.stop();
    }

    /** The status asked for with {@code exit}, or null when nobody asked. */
    Integer requested() {
        return code;
    }
}
