package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.ParameterRole;

/**
 * A run spec: the key=value vocabulary of the shell, validated. Keys are routed as follows
 * (README, "Run spec"):
 * <ul>
 * <li>run keys ({@link #RUN_KEYS}) configure the run itself;</li>
 * <li>{@code init.ROLE=NAME[:k=v...]} picks the initializer of a parameter role;</li>
 * <li>{@code task.K}, {@code cell.K}, {@code optimizer.K} go to that component;</li>
 * <li>optimizer hyperparameters ({@link #OPTIMIZER_KEYS}, e.g. {@code lr}) go to the optimizer;</li>
 * <li>every other key goes to the task (e.g. {@code length}).</li>
 * </ul>
 */
record RunSpec(Map<String, String> raw, ComponentRef task, ComponentRef cell, int hidden, int layers,
        boolean bidirectional, ComponentRef optimizer, int batch, long seed, long steps, List<ComponentRef> remedies,
        Map<ParameterRole, ComponentRef> init, String backend, int report, int evalSequences, int washout,
        boolean ridge, double ridgeLambda, int threads, boolean singlePrecision, Autosaving autosave,
        Validation validation, int diagnostics) {

    /**
     * Held-out evaluations every {@code every} steps ({@code eval.every=N}; 0: none), kept in the
     * run's history, and what is decided on them: early stopping ({@code early-stop=...}) and the
     * plateau schedule ({@code schedule=plateau}), each null when not asked for. Either needs
     * evaluations: without {@code eval.every} they come every 100 steps.
     */
    record Validation(int every, EarlyStop earlyStop, Plateau plateau) {
        static final int DEFAULT_EVERY = 100;

        boolean enabled() {
            return every > 0;
        }
    }

    /**
     * Keras' EarlyStopping: stop when the monitored loss ({@code eval}: held out; {@code train}:
     * the mean training loss since the last check) has not fallen by more than {@code minDelta}
     * for {@code patience} checks; {@code restoreBest} puts back the parameters of the best check.
     */
    record EarlyStop(boolean heldOut, int patience, double minDelta, boolean restoreBest) {
    }

    /**
     * PyTorch's ReduceLROnPlateau (mode min, relative threshold): when the held-out loss has not
     * fallen below best * (1 - threshold) for {@code patience} checks, the learning rate is
     * multiplied by {@code factor}, never below {@code minLr}.
     */
    record Plateau(double factor, int patience, double minLr, double threshold) {
    }

    /**
     * Autosave: every {@code every} steps and/or {@code minutes} minutes (0: never), keeping the
     * newest {@code keep}; {@code best} ("" for none, {@code loss} or the task's metric name)
     * also keeps the checkpoint with the best held-out value as {@code best.ckpt}.
     */
    /**
     * {@code checkpoint.*}: autosaves every {@code every} steps and/or {@code minutes}, the newest
     * {@code keep} kept, the best by {@code best}; {@code onShutdown} (default true) saves the run
     * when the runtime stops while it is live; {@code rnn:bench}'s measurement runs turn it off, as
     * nobody would recover them.
     */
    record Autosaving(long every, double minutes, int keep, String best, boolean onShutdown) {
        boolean enabled() {
            return every > 0 || minutes > 0;
        }
    }

    static final List<String> RUN_KEYS = List.of("task", "cell", "hidden", "layers", "bidirectional", "optimizer",
            "batch", "seed", "steps", "remedies", "backend", "report", "eval", "washout", "readout", "ridge", "threads",
            "precision", "checkpoint.every", "checkpoint.minutes", "checkpoint.keep", "checkpoint.best", "checkpoint.shutdown", "eval.every",
            "early-stop", "diagnostics", "log");
    /** The learning-rate schedule's keys: every built-in optimizer reads them, so a switch of optimizer keeps them. */
    static final Set<String> SCHEDULE_KEYS = Set.of("schedule", "warmup", "step_size", "gamma", "t_max", "eta_min");

    /** Keys of {@code schedule=plateau}, which the trainer runs itself (it needs the held-out loss). */
    static final Set<String> PLATEAU_KEYS = Set.of("factor", "patience", "min_lr", "threshold");
    static final Set<String> OPTIMIZER_KEYS = Set.of("lr", "momentum", "dampening", "nesterov", "betas", "beta1",
            "beta2", "eps", "weight_decay", "amsgrad", "alpha", "centered", "lr_decay", "initial_accumulator_value",
            "momentum_decay", "schedule", "warmup", "step_size", "gamma", "t_max", "eta_min");

    /** Defaults a user gets without saying anything; README documents them. */
    static final Map<String, String> DEFAULTS = defaults("task=adding", "cell=rnn-tanh", "hidden=32", "layers=1",
            "bidirectional=false", "optimizer=adam", "batch=32", "seed=1", "steps=1000", "remedies=", "backend=java",
            "report=100", "eval=1000", "washout=0", "readout=gradient", "threads=1", "precision=double", "checkpoint.every=0",
            "checkpoint.minutes=0", "checkpoint.keep=3", "checkpoint.best=", "checkpoint.shutdown=true", "eval.every=0", "early-stop=", "diagnostics=0", "log=");
    static final Map<ParameterRole, String> DEFAULT_INIT = new EnumMap<>(Map.of(
            ParameterRole.INPUT_WEIGHTS, "xavier-uniform",
            ParameterRole.RECURRENT_WEIGHTS, "orthogonal",
            ParameterRole.BIAS, "zero",
            ParameterRole.OUTPUT_WEIGHTS, "xavier-uniform",
            ParameterRole.OUTPUT_BIAS, "zero"));

    private static Map<String, String> defaults(String... pairs) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String pair : pairs) {
            defaults.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return java.util.Collections.unmodifiableMap(defaults);
    }

    /** Whether a key given as it is (no task., cell., optimizer. or init. prefix) is taken as a task option. */
    static boolean goesToTheTask(String key) {
        return !RUN_KEYS.contains(key) && !key.startsWith("init.") && !key.startsWith("task.") && !key.startsWith("cell.")
                && !key.startsWith("optimizer.") && !OPTIMIZER_KEYS.contains(key) && !PLATEAU_KEYS.contains(key);
    }

    static RunSpec parse(Map<String, String> given) {
        Map<String, String> raw = new LinkedHashMap<>(given);
        Options run = Options.of("run", runKeys(raw));
        Map<String, String> taskOptions = new LinkedHashMap<>();
        Map<String, String> cellOptions = new LinkedHashMap<>();
        Map<String, String> optimizerOptions = new LinkedHashMap<>();
        Map<String, String> plateauOptions = new LinkedHashMap<>();
        Map<ParameterRole, ComponentRef> init = new EnumMap<>(ParameterRole.class);
        DEFAULT_INIT.forEach((role, name) -> init.put(role, new ComponentRef(name, Options.of(name, Map.of()))));
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            if (goesToTheTask(key)) {
                taskOptions.put(key, value);
            } else if (RUN_KEYS.contains(key)) {
                continue;
            } else if (key.startsWith("init.")) {
                ParameterRole role = role(key.substring(5));
                init.put(role, ComponentRef.parse("initializer", value));
            } else if (key.startsWith("task.")) {
                taskOptions.put(key.substring(5), value);
            } else if (key.startsWith("cell.")) {
                cellOptions.put(key.substring(5), value);
            } else if (key.startsWith("optimizer.")) {
                optimizerOptions.put(key.substring(10), value);
            } else if (OPTIMIZER_KEYS.contains(key)) {
                optimizerOptions.put(key, value);
            } else if (PLATEAU_KEYS.contains(key)) {
                plateauOptions.put(key, value);
            }
        }
        Plateau plateau = plateau(optimizerOptions, plateauOptions);
        checkLog(run.text("log", "").strip());
        String taskName = name(run, "task");
        String cellName = name(run, "cell");
        String optimizerName = name(run, "optimizer");
        return new RunSpec(raw,
                new ComponentRef(taskName, Options.of(taskName, taskOptions)),
                new ComponentRef(cellName, Options.of(cellName, cellOptions)),
                run.integer("hidden", 32, 1, 65_536),
                run.integer("layers", 1, 1, 64),
                run.bool("bidirectional", false),
                new ComponentRef(optimizerName, Options.of(optimizerName, optimizerOptions)),
                run.integer("batch", 32, 1, 1_000_000),
                run.count("seed", 1, Long.MIN_VALUE),
                run.count("steps", 1000, 0),
                remedies(run.text("remedies", "")),
                init,
                name(run, "backend"),
                run.integer("report", 100, 1, Integer.MAX_VALUE),
                run.integer("eval", 1000, 1, 10_000_000),
                run.integer("washout", 0, 0, Integer.MAX_VALUE),
                run.choice("readout", "gradient", "ridge").equals("ridge"),
                run.number("ridge", 1e-6, 0, Double.MAX_VALUE),
                run.integer("threads", 1, 1, Runtime.getRuntime().availableProcessors()),
                run.choice("precision", "double", "single").equals("single"),
                new Autosaving(run.count("checkpoint.every", 0, 0), run.number("checkpoint.minutes", 0, 0, 1e6),
                        run.integer("checkpoint.keep", 3, 1, 1000), run.text("checkpoint.best", "").strip(),
                        run.choice("checkpoint.shutdown", "true", "false").equals("true")),
                validation(run, earlyStop(run.text("early-stop", "")), plateau),
                run.integer("diagnostics", 0, 0, Integer.MAX_VALUE));
    }

    /**
     * {@code log=FILE.csv}: a file, relative to the home folder, that gets one row per step
     * report while the run trains. The exports bundle writes it (in the columns of
     * {@code rnn:export}); the trainer only checks that it names a CSV file.
     */
    private static void checkLog(String log) {
        if (!log.isEmpty() && (!log.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") || log.endsWith("/.csv"))) {
            throw new RnnlabException("log must name a .csv file (e.g. log=runs/NAME.csv), not '" + log + "'");
        }
    }

    private static Validation validation(Options run, EarlyStop earlyStop, Plateau plateau) {
        int every = run.integer("eval.every", 0, 0, Integer.MAX_VALUE);
        boolean needed = earlyStop != null || plateau != null;
        return new Validation(every == 0 && needed ? Validation.DEFAULT_EVERY : every, earlyStop, plateau);
    }

    /** {@code schedule=plateau} and its keys, taken out of the optimizer's options; null without it. */
    private static Plateau plateau(Map<String, String> optimizerOptions, Map<String, String> keys) {
        if (!"plateau".equals(optimizerOptions.get("schedule"))) {
            if (!keys.isEmpty()) {
                throw new RnnlabException(String.join(", ", keys.keySet()) + " only apply with schedule=plateau");
            }
            return null;
        }
        optimizerOptions.remove("schedule");
        Options options = Options.of("schedule=plateau", keys);
        return new Plateau(options.number("factor", 0.1, f -> f > 0 && f < 1, "a number in (0, 1)"),
                options.integer("patience", 10, 0, Integer.MAX_VALUE), options.number("min_lr", 0, 0, Double.MAX_VALUE),
                options.number("threshold", 1e-4, 0, 1));
    }

    /** {@code early-stop=patience=5:min_delta=0.001:restore=best} ({@code on} for the defaults); null when empty. */
    private static EarlyStop earlyStop(String value) {
        if (value.isBlank()) {
            return null;
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        if (!value.strip().equals("on")) {
            for (String token : value.split(":")) {
                ComponentRef.putOption(pairs, "early-stop", token);
            }
        }
        Options options = Options.of("early-stop", pairs);
        options.allowOnly("monitor", "patience", "min_delta", "restore");
        return new EarlyStop(options.choice("monitor", "eval", "train").equals("eval"),
                options.integer("patience", 5, 1, Integer.MAX_VALUE), options.number("min_delta", 0, 0, Double.MAX_VALUE),
                options.choice("restore", "last", "best").equals("best"));
    }

    private static Map<String, String> runKeys(Map<String, String> raw) {
        Map<String, String> run = new LinkedHashMap<>(DEFAULTS);
        raw.forEach((k, v) -> {
            if (RUN_KEYS.contains(k)) {
                run.put(k, v);
            }
        });
        return run;
    }

    private static String name(Options run, String key) {
        String name = run.text(key, "").strip();
        if (name.isEmpty()) {
            throw new RnnlabException(key + "= is empty; expected a " + key + " name");
        }
        return name;
    }

    private static ParameterRole role(String key) {
        for (ParameterRole role : ParameterRole.values()) {
            if (role.key().equals(key)) {
                return role;
            }
        }
        List<String> accepted = new ArrayList<>();
        for (ParameterRole role : ParameterRole.values()) {
            accepted.add("init." + role.key());
        }
        throw new RnnlabException("unknown parameter role 'init." + key + "'; accepted: " + String.join(", ", accepted));
    }

    private static List<ComponentRef> remedies(String list) {
        List<ComponentRef> remedies = new ArrayList<>();
        if (list.isBlank()) {
            return List.of();
        }
        for (String item : list.split(",", -1)) {
            if (item.isBlank()) {
                throw new RnnlabException("remedies='" + list + "' has an empty entry (a ',' too many?); expected "
                        + "NAME[:key=value...] separated by ',', e.g. remedies=clip-norm:max=1,nonfinite-guard");
            }
            ComponentRef remedy = ComponentRef.parse("remedy", item);
            if (remedies.stream().anyMatch(r -> r.name().equals(remedy.name()))) {
                throw new RnnlabException("remedy " + remedy.name() + " is given twice in remedies=" + list
                        + "; a run applies each remedy once");
            }
            remedies.add(remedy);
        }
        return List.copyOf(remedies);
    }

    /**
     * This spec with {@code changes} applied on top. A key with an empty value goes back to its
     * default: it is removed, so it must be a key this spec sets or one the trainer knows
     * (a run key or an optimizer's); anything else is refused, as an unknown key with a value is,
     * rather than reported as a change that changed nothing.
     */
    RunSpec with(Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(raw);
        changes.forEach((k, v) -> {
            if (v.isEmpty() && !k.equals("remedies")) {
                if (!raw.containsKey(k) && !DEFAULTS.containsKey(k) && !OPTIMIZER_KEYS.contains(k)
                        && !PLATEAU_KEYS.contains(k)) {
                    throw new RnnlabException(k + "= puts " + k + " back to its default, but the run does not set "
                            + k + "; it sets " + String.join(", ", raw.keySet()));
                }
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        });
        return parse(merged);
    }

    /** The spec as a user would type it, defaults included, for status and checkpoints. */
    Map<String, String> effective() {
        Map<String, String> out = new LinkedHashMap<>(DEFAULTS);
        out.putAll(raw);
        return out;
    }
}
