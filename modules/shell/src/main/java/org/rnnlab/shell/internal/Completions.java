package org.rnnlab.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

/**
 * Candidates for the console's tab completion ({@code rnn:completions}, wired to the commands in
 * the launcher's gosh_profile with Gogo's {@code complete -c CMD -a ...}): every run key as
 * {@code key=}, every registered component as {@code key=name} for the keys that name one (third
 * parties' too, as they appear), and the run names. JLine filters them by what is typed, so
 * {@code cell=<TAB>} lists the cells and {@code optimizer=ad<TAB>} the Adam family.
 */
final class Completions {
    /** Keys a person completes to and then types a value after. */
    static final List<String> KEYS = List.of("task", "cell", "hidden", "layers", "bidirectional", "optimizer", "lr",
            "batch", "seed", "steps", "remedies", "backend", "threads", "precision", "report", "eval", "eval.every", "washout", "readout",
            "ridge", "checkpoint.every", "checkpoint.minutes", "checkpoint.keep", "checkpoint.best", "checkpoint.shutdown",
            "early-stop",
            "diagnostics", "schedule", "warmup", "length", "init.input", "init.recurrent", "init.bias", "init.output",
            "log", "name", "spec");

    private Completions() {
    }

    /** {@code spec}: keys and key=component pairs; {@code runs}: run names; both for {@code set}. */
    static List<String> candidates(String what, Trainer trainer, BundleContext context) {
        List<String> out = new ArrayList<>();
        if (what.equals("runs") || what.equals("both")) {
            trainer.runs().stream().map(RunStatus::name).forEach(out::add);
        }
        if (what.equals("spec") || what.equals("both")) {
            KEYS.forEach(k -> out.add(k + "="));
            component(out, "task", "tasks", context);
            component(out, "cell", "cells", context);
            component(out, "optimizer", "optimizers", context);
            component(out, "backend", "backends", context);
            component(out, "remedies", "remedies", context);
            for (String role : List.of("input", "recurrent", "bias", "output", "output-bias")) {
                component(out, "init." + role, "initializers", context);
            }
            for (String value : List.of("true", "false")) {
                out.add("bidirectional=" + value);
            }
            for (String value : List.of("constant", "step", "exponential", "cosine", "plateau")) {
                out.add("schedule=" + value);
            }
            out.add("readout=gradient");
            out.add("readout=ridge");
        }
        return out;
    }

    private static void component(List<String> out, String key, String kind, BundleContext context) {
        ComponentListing.names(context, kind).forEach(name -> out.add(key + "=" + name));
    }
}
