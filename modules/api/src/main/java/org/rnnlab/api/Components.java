package org.rnnlab.api;

/**
 * Service properties with which every rnnlab component registers (whiteboard discovery by name).
 * A component registers under its API interface ({@code CellType}, {@code Initializer},
 * {@code Optimizer}, {@code GradientRemedy}, {@code Task}, {@code MatrixBackend}) with a unique,
 * lower-case {@link #NAME} such as {@code lstm} or {@code clip-norm} and a one-line
 * {@link #DESCRIPTION}. When two services share a name, the one with the highest service
 * ranking wins, as OSGi orders services.
 */
public final class Components {
    /** Service property: the name users type, e.g. {@code adam}. Required. */
    public static final String NAME = "rnnlab.name";
    /** Service property: a one-line description shown by {@code rnn:components}. */
    public static final String DESCRIPTION = "rnnlab.description";

    private Components() {
    }
}
