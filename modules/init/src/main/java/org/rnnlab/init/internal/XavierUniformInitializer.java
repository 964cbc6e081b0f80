package org.rnnlab.init.internal;

import org.ejml.data.DMatrixRMaj;
import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;

/**
 * Glorot &amp; Bengio 2010, eq. 16: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)), the
 * compromise that keeps both activations and back-propagated gradients at the same variance from
 * layer to layer. Option {@code gain} (default 1).
 */
@Component(service = Initializer.class, property = {
        Components.NAME + "=xavier-uniform",
        Components.DESCRIPTION + "=Glorot & Bengio 2010 uniform: U(-a, a), a = gain*sqrt(6/(fan_in+fan_out)), per gate block" })
public class XavierUniformInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        double gain = options.allowOnly("gain").positive("gain", 1);
        return (target, spec, rng) -> fill(target, spec, rng, gain);
    }

    /**
     * fan_out is one gate block's rows, not the stacked rows: each gate is a layer of its own with
     * its own nonlinearity, as in cells written with one matrix per gate (Hochreiter &amp;
     * Schmidhuber 1997, Cho et al. 2014). Using the stacked rows would shrink an LSTM's bound by
     * sqrt((I + H) / (I + 4H)) merely because PyTorch stores the four gates in one matrix.
     */
    private static double bound(ParameterSpec spec, double gain) {
        return gain * Math.sqrt(6.0 / (spec.fanIn() + spec.gateRows()));
    }

    private static void fill(DMatrixRMaj target, ParameterSpec spec, RandomSource rng, double gain) {
        Shapes.requireShape(target, spec);
        double a = bound(spec, gain);
        for (int i = 0; i < spec.size(); i++) {
            target.data[i] = rng.nextDouble(-a, a);
        }
    }
}
