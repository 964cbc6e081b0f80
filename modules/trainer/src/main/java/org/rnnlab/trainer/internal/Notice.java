package org.rnnlab.trainer.internal;

/**
 * Notes for the person at the terminal that are not warnings: a run saved as the runtime stops,
 * runs that can be recovered. They go to the log under {@value #LOGGER}, which the rnnlab launcher
 * also shows on the terminal; an embedding application routes that logger as it likes.
 */
final class Notice {
    static final String LOGGER = "org.rnnlab.notice";
    private static final System.Logger LOG = System.getLogger(LOGGER);

    private Notice() {
    }

    static void say(String message) {
        LOG.log(System.Logger.Level.INFO, message);
    }
}
