package org.rnnlab.api.trainer;

/** A change in a run's life, with a one-line message for people. */
public record RunEvent(String run, Kind kind, String message) {
    public enum Kind {
        CREATED, STARTED, PAUSED, RESUMED, WAITING, CHANGED, FINISHED, STOPPED, FAILED, REMOVED
    }
}
