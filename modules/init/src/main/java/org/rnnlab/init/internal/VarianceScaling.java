package org.rnnlab.init.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.init.Initialization;

/**
 * The family of Glorot, He and LeCun: zero-mean draws of variance gain^2 / fan, so that a layer
 * neither shrinks nor grows the variance of what passes through it. Uniform on [-a, a] with
 * a = gain * sqrt(3 / fan), or normal with std = gain * sqrt(1 / fan). Fans are those of one gate
 * block ({@link Shapes#fanIn}, {@link Shapes#fanOut}).
 * <ul>
 * <li>Glorot &amp; Bengio 2010, eq. 12 and 16: fan = (fan_in + fan_out) / 2, gain 1;</li>
 * <li>He et al. 2015, eq. 10: fan = fan_in (or fan_out with mode=fan_out, their eq. 14), gain
 * sqrt(2) for ReLU, as torch.nn.init.kaiming_*;</li>
 * <li>LeCun et al. 1998 (Efficient BackProp, section 4.6): fan = fan_in, gain 1.</li>
 * </ul>
 */
record VarianceScaling(Fan fan, Distribution distribution, double gain) implements Initialization {
    enum Fan {
        IN, OUT, AVERAGE
    }

    enum Distribution {
        UNIFORM, NORMAL
    }

    /** Glorot: option gain (default 1). */
    static VarianceScaling glorot(Options options, Distribution distribution) {
        return new VarianceScaling(Fan.AVERAGE, distribution, options.allowOnly("gain").positive("gain", 1));
    }

    /** He: options gain (default sqrt 2, ReLU's) and mode (fan_in, the default, or fan_out). */
    static VarianceScaling he(Options options, Distribution distribution) {
        options.allowOnly("gain", "mode");
        Fan fan = options.choice("mode", "fan_in", "fan_out").equals("fan_in") ? Fan.IN : Fan.OUT;
        return new VarianceScaling(fan, distribution, options.positive("gain", Math.sqrt(2)));
    }

    /** LeCun: option gain (default 1). */
    static VarianceScaling lecun(Options options, Distribution distribution) {
        return new VarianceScaling(Fan.IN, distribution, options.allowOnly("gain").positive("gain", 1));
    }

    private double fan(ParameterSpec spec) {
        return switch (fan) {
            case IN -> Shapes.fanIn(spec);
            case OUT -> Shapes.fanOut(spec);
            case AVERAGE -> (Shapes.fanIn(spec) + Shapes.fanOut(spec)) / 2.0;
        };
    }

    @Override
    public void fill(DMatrixRMaj target, ParameterSpec spec, RandomSource rng) {
        Shapes.requireShape(target, spec);
        if (distribution == Distribution.UNIFORM) {
            double a = gain * Math.sqrt(3.0 / fan(spec));
            for (int i = 0; i < spec.size(); i++) {
                target.data[i] = rng.nextDouble(-a, a);
            }
        } else {
            double std = gain * Math.sqrt(1.0 / fan(spec));
            for (int i = 0; i < spec.size(); i++) {
                target.data[i] = std * rng.nextGaussian();
            }
        }
    }
}
