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

    /**
     * {@code exit} or {@code exit CODE}. The arguments come as words and are checked here: Gogo's
     * own coercion error for {@code exit abc} named Java classes, and a code above 255 reached
     * the shell modulo 256.
     */
    public void exit(String... args) throws BundleException {
        if (args.length > 1) {
            throw new Refusal("usage: exit [CODE], CODE a whole number in [0, 255]");
        }
        int status = Main.OK;
        if (args.length == 1) {
            try {
                status = Integer.parseInt(args[0].strip());
            } catch (NumberFormatException e) {
                status = -1;
            }
            if (status < 0 || status > 255) {
                throw new Refusal("exit " + args[0] + " is not accepted; CODE is a whole number in [0, 255]");
            }
        }
        code = status;
        framework.stop(); // returns at once; the framework stops on its own thread
    }

    /** The status asked for with {@code exit}, or null when nobody asked. */
    Integer requested() {
        return code;
    }
}
