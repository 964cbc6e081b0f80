package org.example.rnnlab.truncnormal;

import org.ejml.data.DMatrixRMaj;
import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;

/**
 * Normal draws with standard deviation {@code std} (default 1/sqrt(fan_in)), redrawn until they
 * fall within two standard deviations of zero, as TensorFlow's truncated_normal does. Written
 * against rnnlab's API only: an example of a component a third party adds by dropping a jar.
 */
@Component(property = {
        Components.NAME + "=truncated-normal",
        Components.DESCRIPTION + "=example third-party bundle: normal draws truncated at 2 std; options: std" })
public class TruncatedNormalInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        options.allowOnly("std");
        double std = options.has("std") ? options.positive("std", 1) : Double.NaN;
        return (target, spec, rng) -> {
            double sigma = Double.isNaN(std) ? 1 / Math.sqrt(spec.fanIn()) : std;
            fill(target, sigma, rng);
        };
    }

    private static void fill(DMatrixRMaj target, double sigma, java.util.random.RandomGenerator rng) {
        for (int i = 0; i < target.getNumElements(); i++) {
            double z;
            do {
                z = rng.nextGaussian();
            } while (Math.abs(z) > 2);
            target.data[i] = sigma * z;
        }
    }
}
