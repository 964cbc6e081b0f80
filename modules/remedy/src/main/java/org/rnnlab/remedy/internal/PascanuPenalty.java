package org.rnnlab.remedy.internal;

import java.util.Map;

import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.ModelGradients;
import org.rnnlab.api.remedy.Remedy;

/**
 * The regularizer Ω of Pascanu, Mikolov &amp; Bengio 2013 ("On the difficulty of training recurrent
 * neural networks", eq. 9), which pushes the error signal to keep its norm as it travels back
 * one step, so that gradients neither vanish nor explode:
 * <pre>
 *   Ω = (1/B) Σ_layers Σ_b Σ_t ( ‖g_{t,b} · ∂h_t/∂h_{t-1}‖ / ‖g_{t,b}‖ − 1 )²,    g_{t,b} = ∂E/∂h_t of sequence b
 * </pre>
 * Normalization: one term per sequence b and step t, summed over the T steps of the window
 * (t = 0 is the transition from the window's initial state) and over the recurrent layers (each
 * direction of a bidirectional layer is a layer), and divided by the batch size B. Pairs whose
 * ‖g_{t,b}‖² &lt; 1e-20 carry no direction and are left out (B still divides). The loss gets
 * λ·Ω; the report holds {@code penalty} (λ·Ω), {@code omega} (Ω) and {@code skipped} (the pairs
 * left out). The authors' code differs in two ways we do not follow: it compares squared norms,
 * and divides by the number of steps counted; the paper's eq. 9 is what is implemented here.
 *
 * <p>Gradient, eq. 10: x_k and ∂E/∂x_{k+1} are constants, so only the weights written explicitly
 * in the Jacobian vary (the cell's {@link org.rnnlab.api.cell.Cell#stateVjpParameterGradient
 * stateVjpParameterGradient} also holds its recorded activations' derivatives constant). With
 * u = g·∂h_t/∂h_{t-1} and r = ‖u‖/‖g‖, the term (r − 1)² has gradient 2(r − 1)/(‖g‖‖u‖) ⟨u, ∂u/∂θ⟩,
 * which is the parameter gradient of ⟨w, g·∂h_t/∂h_{t-1}⟩ for w = 2(r − 1)/(‖g‖‖u‖)·u (0 when u = 0,
 * where the norm has no gradient).
 *
 * <p>Cells with two state components (LSTM: h, c) are measured on the hidden state h, the one the
 * output and the loss read: v = (∂E/∂h_t, 0), and the norm is that of the h component of v·∂s_t/∂s_{t-1}.
 */
record PascanuPenalty(double lambda) implements Remedy {
    @Override
    public HookPoint hookPoint() {
        return HookPoint.LOSS;
    }

    @Override
    public double penalize(ModelGradients model, Map<String, Double> report) {
        double omega = 0;
        long skipped = 0;
        for (ModelGradients.Layer layer : model.layers()) {
            OmegaOfLayer term = new OmegaOfLayer(layer);
            term.accumulate(lambda);
            omega += term.omega();
            skipped += term.skipped();
        }
        double penalty = lambda * omega;
        report.put("penalty", penalty);
        report.put("omega", omega);
        report.put("skipped", (double) skipped);
        return penalty;
    }
}
