package org.rnnlab.shell.internal;

/**
 * The run keys with their defaults, for {@code help rnn:train}, {@code rnn:new} and
 * {@code rnn:set} (a Gogo descriptor must be a constant; ShellCommandsTest checks that every key
 * of a new run's spec is here with its default). The README's "Run spec" table explains each.
 */
final class RunKeys {
    static final String HELP = "run spec pairs key=value; keys and defaults: "
            + "task=adding (its options plain, e.g. length=20, or task.KEY=) "
            + "cell=rnn-tanh (cell.KEY=) hidden=32 layers=1 bidirectional=false "
            + "optimizer=adam (lr, momentum, betas, eps, weight_decay, ... or optimizer.KEY=; schedule=constant|step|"
            + "exponential|cosine|plateau, warmup=0) batch=32 seed=1 steps=1000 "
            + "remedies= (NAME:key=value,... e.g. clip-norm:max=1) init.ROLE=NAME (input, recurrent, bias, output, "
            + "output-bias) backend=java threads=1 precision=double (or single: float32 products) report=100 "
            + "eval=1000 eval.every=0 washout=0 "
            + "readout=gradient (or ridge, ridge=1e-6) checkpoint.every=0 checkpoint.minutes=0 checkpoint.keep=3 "
            + "checkpoint.best= checkpoint.shutdown=true early-stop= diagnostics=0 log= (FILE.csv: one row per report); spec=FILE reads pairs from a properties file";

    private RunKeys() {
    }
}
