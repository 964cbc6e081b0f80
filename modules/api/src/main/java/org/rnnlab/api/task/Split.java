package org.rnnlab.api.task;

/** Which part of a task's data a batch comes from. */
public enum Split {
    TRAIN,
    EVAL
}
