package org.rnnlab.api.cell;

/**
 * What a parameter does; a run maps roles to initializers ({@code init.recurrent=orthogonal}).
 * The {@link #key()} is the word used after {@code init.} in a run spec.
 */
public enum ParameterRole {
    /** Weights applied to the layer's input x_t. */
    INPUT_WEIGHTS("input"),
    /** Weights applied to the previous state h_{t-1}. */
    RECURRENT_WEIGHTS("recurrent"),
    /** Any bias of a cell. */
    BIAS("bias"),
    /** Weights of the output head. */
    OUTPUT_WEIGHTS("output"),
    /** Bias of the output head. */
    OUTPUT_BIAS("output-bias");

    private final String key;

    ParameterRole(String key) {
        this.key = key;
    }

    /** The spec word for this role, e.g. {@code recurrent}. */
    public String key() {
        return key;
    }
}
