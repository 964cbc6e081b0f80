/**
 * Plots to files, exports and run logs, all drawn from what the trainer keeps of a run
 * ({@code Trainer.reports}: the step reports in memory for the runtime's lifetime, thinned evenly
 * to at most 2048 with every report carrying an evaluation or diagnostics kept; not part of a
 * checkpoint, so a loaded run's charts start at its load).
 * <ul>
 * <li>{@code rnn:plot NAME what=loss|gradients|flow|diagnostics file=X.png|X.svg}: a chart by
 * JFreeChart, drawn headless ({@link org.rnnlab.plots.internal.PlotCommands}, one class per
 * chart);</li>
 * <li>{@code rnn:export NAME file=X.csv|X.json}: the reports with their evaluations and
 * diagnostics, exact to the bit, each format with its reader
 * ({@link org.rnnlab.plots.internal.ReportCsv}, {@link org.rnnlab.plots.internal.ReportJson});</li>
 * <li>the run key {@code log=FILE.csv}: every report, not only the kept ones, appended as it is
 * made, in the export's CSV columns by the same code; a writer thread does the work, so a disk
 * never holds up a step, and a run's rows are all written before its end is announced
 * ({@link org.rnnlab.plots.internal.CsvLog}).</li>
 * </ul>
 * File names are relative to the home folder ({@code rnnlab.home}), as checkpoints are; a chart or
 * an export replaces only an earlier one of its kind, whole, through a temporary file
 * ({@code org.rnnlab.core.files.HomeFiles}). The format follows from the extension.
 */
package org.rnnlab.plots.internal;
