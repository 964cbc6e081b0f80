package org.rnnlab.launcher;

/**
 * The runtime JVM started by {@link Relaunch} ends when its launcher ends, however the launcher
 * died ({@code kill -9} included, which no hook of the launcher sees): the child watches the
 * parent's process id and exits through its shutdown hooks, which save every live run.
 */
final class ParentWatch {
    /** Exit status when the launcher disappeared: 128 + SIGHUP, as for a closed terminal. */
    static final int PARENT_GONE = 129;

    private ParentWatch() {
    }

    /** Watches {@code parentPid} (from {@value Relaunch#PARENT_PROPERTY}); nothing when absent. */
    static void start(String parentPid) {
        if (parentPid == null || parentPid.isBlank()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(parentPid.strip());
        } catch (NumberFormatException e) {
            return;
        }
        ProcessHandle.of(pid).ifPresentOrElse(parent -> parent.onExit().thenRun(ParentWatch::parentGone),
                ParentWatch::parentGone);
    }

    private static void parentGone() {
        System.err.println("rnnlab: the launcher ended; saving live runs and stopping");
        System.exit(PARENT_GONE);
    }
}
