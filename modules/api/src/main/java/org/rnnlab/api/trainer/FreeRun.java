package org.rnnlab.api.trainer;

/**
 * A model predicting a series by itself (Jaeger 2001): teacher-forced for {@code warmup} steps,
 * then fed its own predictions for {@code horizon} steps, from {@code starts} held-out starting
 * points; {@code nrmse} is the error of the last prediction, √(mean squared error / variance of
 * the series).
 *
 * @since 1.3
 */
public record FreeRun(String run, long step, int horizon, int starts, int warmup, double nrmse) {
}
