package org.rnnlab.init.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;

/**
 * U(a, b) with torch.nn.init.uniform_'s defaults a = 0, b = 1, or U(-bound, bound) given
 * {@code bound} (PyTorch's own RNN default is bound = 1/sqrt(hidden)).
 */
@Component(service = Initializer.class, property = {
        Components.NAME + "=uniform",
        Components.DESCRIPTION + "=U(a, b), default U(0, 1); or bound=x for U(-x, x)" })
public class UniformInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        options.allowOnly("a", "b", "bound");
        if (options.has("bound")) {
            if (options.has("a") || options.has("b")) {
                throw options.reject("bound", options.text("bound", ""),
                        "no a or b beside it (bound=x means a=-x, b=x)");
            }
            double bound = options.positive("bound", 1);
            if (!Double.isFinite(2 * bound)) {
                throw options.reject("bound", options.text("bound", ""), "a number > 0 whose double is finite");
            }
            return uniform(-bound, bound);
        }
        double a = InitOptions.finite(options, "a", 0);
        double b = InitOptions.finite(options, "b", 1);
        if (!(a < b && Double.isFinite(b - a))) {
            throw options.reject("b", options.text("b", "1"), "a number > a (a=" + a + ") with b - a finite");
        }
        return uniform(a, b);
    }

    private static Initialization uniform(double a, double b) {
        return (target, spec, rng) -> {
            Shapes.requireShape(target, spec);
            for (int i = 0; i < spec.size(); i++) {
                target.data[i] = rng.nextDouble(a, b);
            }
        };
    }
}
