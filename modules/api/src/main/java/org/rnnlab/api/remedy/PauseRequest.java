package org.rnnlab.api.remedy;

import org.rnnlab.api.RnnlabException;

/**
 * Thrown by a remedy to pause its run rather than fail it, e.g. after too many non-finite steps
 * in a row. The run keeps the parameters of its last applied step and shows the message;
 * {@code rnn:resume} (perhaps after {@code rnn:set}) continues it.
 */
public class PauseRequest extends RnnlabException {
    private static final long serialVersionUID = 1L;

    public PauseRequest(String message) {
        super(message);
    }
}
