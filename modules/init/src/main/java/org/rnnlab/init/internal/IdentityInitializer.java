package org.rnnlab.init.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.init.internal.Shapes.Block;

/**
 * {@code scale} times the identity (default 1), one per gate block; a rectangular block gets the
 * identity on its leading square and zeros elsewhere, as torch.nn.init.eye_. With ReLU units and
 * zero biases this is the IRNN of Le, Jaitly &amp; Hinton 2015: at the start, the state is copied
 * unchanged from step to step, so the gradient through time neither vanishes nor explodes.
 */
@Component(service = Initializer.class, property = {
        Components.NAME + "=identity",
        Components.DESCRIPTION + "=scale times the identity per gate block (IRNN, Le et al. 2015); option scale" })
public class IdentityInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        double scale = options.allowOnly("scale").positive("scale", 1);
        return (target, spec, rng) -> {
            Shapes.requireShape(target, spec);
            target.zero();
            for (Block block : Shapes.gateBlocks(spec)) {
                for (int d = 0; d < Math.min(block.rows(), block.cols()); d++) {
                    target.data[block.at(d, d)] = scale;
                }
            }
        };
    }
}
