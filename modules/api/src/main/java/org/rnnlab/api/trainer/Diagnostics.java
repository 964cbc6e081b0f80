package org.rnnlab.api.trainer;

import java.util.List;

/**
 * What the trainer measured of one step's gradient flow and weights, every {@code diagnostics}
 * steps of a run (run key {@code diagnostics=N}; never when it is 0, the default), from the
 * run's own model and its last window.
 *
 * @param units        every layer and direction, in the network's order
 * @param spectra      every recurrent weight matrix, per gate block for gated cells
 * @param parameters   every parameter, in the network's order
 * @param learningRate the rate of the step's update (schedule and learning-rate factor applied)
 * @since 1.3
 */
public record Diagnostics(List<UnitFlow> units, List<MatrixSpectrum> spectra, List<ParameterStats> parameters,
        double learningRate) {

    public Diagnostics {
        units = List.copyOf(units);
        spectra = List.copyOf(spectra);
        parameters = List.copyOf(parameters);
    }

    /**
     * The gradient flow through one direction of one layer over the window, in the order the
     * direction reads it (a reverse direction reads the window backwards).
     *
     * @param hiddenGradientNorms ‖dL/dh_t‖ for each step t of the window (the batch's gradients together)
     * @param jacobianNorms       ‖∂h_T/∂h_k‖ for each k, T the window's last step (so the last entry is
     *                            1): how much of a change at k still reaches T (Pascanu et al. 2013, §2),
     *                            estimated for a random unit direction at T by vector–Jacobian products
     *                            through the cell's state Jacobians, the mean over the batch's sequences
     * @param saturation          the fraction of the window's sigmoid and tanh activations whose
     *                            derivative is below 0.01, or NaN for a cell that has none or does not say
     */
    public record UnitFlow(int layer, int direction, double[] hiddenGradientNorms, double[] jacobianNorms,
            double saturation) {
    }

    /**
     * The spectrum of a recurrent weight matrix or of one gate block of it.
     *
     * @param block                the gate's name, or empty for a matrix without gates
     * @param spectralRadius       the largest |eigenvalue| (NaN for a block that is not square)
     * @param largestSingularValue the spectral norm ‖W‖₂
     */
    public record MatrixSpectrum(String parameter, String block, double spectralRadius, double largestSingularValue) {
    }

    /**
     * One parameter's scale and its step: ‖g‖ before remedies, ‖θ‖ before the update, and
     * ‖Δθ‖ / ‖θ‖ of the update (the Deeplearning4j UI's rule of thumb: about 1e-3), 0 for a frozen one.
     */
    public record ParameterStats(String name, double gradientNorm, double valueNorm, double updateRatio) {
    }
}
