/**
 * The gradient remedies, one {@link org.rnnlab.api.remedy.GradientRemedy} component each, at the
 * three hook points:
 * <ul>
 * <li>gradients: {@code clip-norm} (global norm, {@code max}, {@code norm=2|inf}),
 * {@code clip-value} (element-wise, {@code value}), {@code clip-param} (L2 norm per parameter,
 * {@code max}), {@code clip-adaptive} (unit-wise AGC, {@code clipping}, {@code eps}) and
 * {@code nonfinite-guard} ({@code max});</li>
 * <li>window: {@code tbptt} ({@code k}, or {@code k1} and {@code k2});</li>
 * <li>loss: {@code l1}, {@code l2} ({@code lambda}, {@code roles}) and {@code pascanu}
 * ({@code lambda}).</li>
 * </ul>
 *
 * <p>Reports. Every clipping remedy reports {@code norm}, the global norm of the gradients before
 * it acted (L2; clip-norm's own norm with {@code norm=inf}), and {@code clipped}, how many of its
 * items it rescaled (0: none; clip-norm 1, clip-value elements, clip-param parameters,
 * clip-adaptive units). The penalties report {@code penalty}, the term they add to the loss;
 * {@code pascanu} also {@code omega} and {@code skipped}. {@code nonfinite-guard} reports
 * {@code skipped} and {@code consecutive}, which are also its memory across steps.
 *
 * <p>Non-finite gradients. The clipping remedies leave them untouched (and report
 * {@code clipped} 0) rather than turn an overflow into a plausible-looking gradient, so
 * {@code nonfinite-guard} or the run refuses the step whatever the order of the list.
 *
 * <p>Defaults. Clipping thresholds default to 1 (clip-adaptive: Brock et al.'s 0.01 and 1e-3), the
 * penalties' {@code lambda} to 0.01 (Keras's default for its L1 and L2 regularizers);
 * {@code tbptt} has no default length. Only trainable parameters are clipped or penalized.
 *
 * <p>Private package: the remedies are reached only as services.
 */
package org.rnnlab.remedy.internal;
