package org.rnnlab.optim.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rnnlab.api.Options;

/**
 * The learning rate of every update rule: the base rate {@code lr}, an optional linear warm-up,
 * then one decay shape of torch.optim.lr_scheduler in its closed form. {@code step} counts the
 * completed updates, as a PyTorch scheduler's {@code last_epoch} counts its {@code step()} calls
 * when it is stepped after every optimizer step. It is the run's count, so an optimizer swapped in
 * mid-run reads its schedule at the run's step, as if it had been there from the start.
 * <ul>
 * <li>{@code schedule=constant} (default): lr.</li>
 * <li>{@code schedule=step step_size=N gamma=0.1}: StepLR, lr * gamma^floor(t / step_size).</li>
 * <li>{@code schedule=exponential gamma=G}: ExponentialLR, lr * gamma^t.</li>
 * <li>{@code schedule=cosine t_max=N eta_min=0}: CosineAnnealingLR,
 * eta_min + (lr - eta_min) * (1 + cos(pi * t / t_max)) / 2; like PyTorch's, it rises again after
 * t_max (period 2 * t_max), so set t_max to the length of the run.</li>
 * <li>{@code warmup=N} (default 0): update k = 1..N uses lr * k / N, after which the decay starts
 * at t = 0 (t = step - N). That is torch's SequentialLR of LinearLR(start_factor=1/N,
 * total_iters=N-1) and the decay with milestone N: the first update already moves, and
 * step_size and t_max count the updates after the warm-up.</li>
 * </ul>
 * A key that the chosen shape does not use is refused rather than ignored.
 */
record Schedule(double lr, long warmup, Decay decay) {
    static final List<String> KEYS = List.of("schedule", "warmup", "step_size", "gamma", "t_max", "eta_min");
    private static final List<String> DECAY_KEYS = List.of("step_size", "gamma", "t_max", "eta_min");
    private static final Map<String, Set<String>> KEYS_OF_SHAPE = Map.of(
            "constant", Set.of(),
            "step", Set.of("step_size", "gamma"),
            "exponential", Set.of("gamma"),
            "cosine", Set.of("t_max", "eta_min"));

    /** The rate t updates after the warm-up, from the base rate lr. */
    sealed interface Decay permits Constant, StepDecay, ExponentialDecay, CosineAnnealing {
        double rate(double lr, long t);
    }

    record Constant() implements Decay {
        @Override
        public double rate(double lr, long t) {
            return lr;
        }
    }

    /** StepLR: lr * gamma^floor(t / step_size). */
    record StepDecay(long stepSize, double gamma) implements Decay {
        @Override
        public double rate(double lr, long t) {
            return lr * Math.pow(gamma, t / stepSize);
        }
    }

    /** ExponentialLR: lr * gamma^t. */
    record ExponentialDecay(double gamma) implements Decay {
        @Override
        public double rate(double lr, long t) {
            return lr * Math.pow(gamma, t);
        }
    }

    /** CosineAnnealingLR's closed form (Loshchilov &amp; Hutter 2017, eq. 5 without restarts). */
    record CosineAnnealing(long tMax, double etaMin) implements Decay {
        @Override
        public double rate(double lr, long t) {
            return etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
        }
    }

    /** Reads lr (default {@code defaultLr}) and the schedule keys. */
    static Schedule read(Hyperparameters h, double defaultLr) {
        Options options = h.options();
        double lr = options.positive("lr", defaultLr);
        long warmup = options.count("warmup", 0, 0);
        String shape = options.choice("schedule", "constant", "step", "exponential", "cosine");
        h.rejectUnused("schedule=" + shape, KEYS_OF_SHAPE.get(shape), DECAY_KEYS);
        Decay decay = switch (shape) {
            case "step" -> {
                h.require("step_size", "schedule=step", "an integer >= 1, the updates between two decays");
                yield new StepDecay(options.count("step_size", 1, 1), options.positive("gamma", 0.1));
            }
            case "exponential" -> {
                h.require("gamma", "schedule=exponential", "a number > 0, the factor per update, e.g. gamma=0.999");
                yield new ExponentialDecay(options.positive("gamma", 1));
            }
            case "cosine" -> {
                h.require("t_max", "schedule=cosine", "an integer >= 1, the updates from lr down to eta_min");
                yield new CosineAnnealing(options.count("t_max", 1, 1), h.nonNegative("eta_min", 0));
            }
            default -> new Constant();
        };
        return new Schedule(lr, warmup, decay);
    }

    /** The rate of the update that follows {@code step} completed updates. */
    double rate(long step) {
        if (step < warmup) {
            return lr * (step + 1) / warmup;
        }
        return decay.rate(lr, step - warmup);
    }
}
