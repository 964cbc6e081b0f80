package org.rnnlab.init.internal;

import org.ejml.data.DMatrixRMaj;
import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.init.internal.Shapes.Block;

/**
 * Chrono initialization (Tallec &amp; Ollivier 2018, "Can recurrent neural networks warp time?"):
 * gate biases drawn so that the units' characteristic forgetting times spread from 2 up to
 * T_max, the longest dependency expected (option {@code tmax}, required, &gt; 2). A gate sigma(b)
 * with b = log(T - 1) keeps a fraction 1 - 1/T of the state per step, a memory of about T steps.
 * <ul>
 * <li>LSTM (gates i, f, ...): b_f = log(u), u ~ U[1, T_max - 1], and b_i = -b_f, so the input
 * gate opens as much as the forget gate lets go; other gates 0.</li>
 * <li>GRU (gate z, PyTorch's convention h_t = (1 - z_t) * n_t + z_t * h_{t-1}): z keeps the
 * state, the forget gate's role, and 1 - z = sigma(-b_z) is the input gate, already tied as chrono
 * ties b_i to -b_f. So b_z = log(u) and the other gates 0. A cell whose z weighs the new state
 * (h_t = (1 - z) h + z n, as minGRU writes it) must not call that gate z.</li>
 * </ul>
 * The second of two added biases gets zeros ({@link GateBiases}), so b_f is not doubled.
 */
@Component(service = Initializer.class, property = {
        Components.NAME + "=chrono",
        Components.DESCRIPTION + "=Tallec & Ollivier 2018: LSTM b_f = log(U[1, tmax-1]), b_i = -b_f; GRU b_z = log(U); option tmax" })
public class ChronoInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        options.allowOnly("tmax");
        InitOptions.require(options, "tmax", "a number > 2, the longest dependency in time steps, e.g. tmax=100");
        double tmax = InitOptions.above(options, "tmax", 0, 2);
        return (target, spec, rng) -> fill(target, spec, rng, tmax);
    }

    private static void fill(DMatrixRMaj target, ParameterSpec spec, RandomSource rng, double tmax) {
        Shapes.requireShape(target, spec);
        GateBiases.requireCellBias("chrono", spec);
        Block input = Shapes.gateBlock(spec, "i");
        Block forget = Shapes.gateBlock(spec, "f");
        Block update = Shapes.gateBlock(spec, "z");
        boolean lstm = input != null && forget != null;
        if (!lstm && update == null) {
            throw new RnnlabException("chrono: " + spec.name() + " has " + GateBiases.describeGates(spec)
                    + "; it needs an LSTM's gates i and f or a GRU's gate z");
        }
        target.zero();
        if (GateBiases.isSecondBias(spec)) {
            return;
        }
        Block keep = lstm ? forget : update;
        for (int j = 0; j < keep.size(); j++) {
            double bias = Math.log(rng.nextDouble(1, tmax - 1));
            target.data[keep.offset() + j] = bias;
            if (lstm) {
                target.data[input.offset() + j] = -bias;
            }
        }
    }
}
