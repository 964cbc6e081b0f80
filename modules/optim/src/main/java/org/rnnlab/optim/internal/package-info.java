/**
 * The optimizers: one update rule per family ({@link org.rnnlab.optim.internal.SgdRule},
 * {@link org.rnnlab.optim.internal.AdagradRule}, {@link org.rnnlab.optim.internal.RmspropRule},
 * {@link org.rnnlab.optim.internal.AdamRule}, {@link org.rnnlab.optim.internal.AdamaxRule},
 * {@link org.rnnlab.optim.internal.NadamRule}), each computing exactly what its torch.optim 1.13
 * class computes, and thin components that differ only in defaults: {@code momentum} and
 * {@code nesterov} are sgd, {@code adamw} and {@code amsgrad} are adam. Hyperparameters carry
 * PyTorch's names and defaults; {@code lr} and the learning-rate schedule keys are common to all
 * ({@link org.rnnlab.optim.internal.Schedule}).
 *
 * <h2>State slots and what a swap keeps</h2>
 * A rule's state lives in the run, in slots named after the family, and a swap keeps exactly
 * the slots of the same name the new rule declares (the others start at zero):
 * <table>
 * <caption>slots per family</caption>
 * <tr><th>family</th><th>components</th><th>slots</th></tr>
 * <tr><td>sgd</td><td>sgd, momentum, nesterov</td><td>sgd.momentum, sgd.step (only with momentum &gt; 0)</td></tr>
 * <tr><td>adagrad</td><td>adagrad</td><td>adagrad.sum, adagrad.step</td></tr>
 * <tr><td>rmsprop</td><td>rmsprop</td><td>rmsprop.v; rmsprop.m if centered; rmsprop.momentum if momentum &gt; 0</td></tr>
 * <tr><td>adam</td><td>adam, adamw, amsgrad</td><td>adam.m, adam.v, adam.step; adam.vmax with amsgrad</td></tr>
 * <tr><td>adamax</td><td>adamax</td><td>adamax.m, adamax.u, adamax.step</td></tr>
 * <tr><td>nadam</td><td>nadam</td><td>nadam.m, nadam.v, nadam.mu_product, nadam.step</td></tr>
 * </table>
 * So adam, adamw and amsgrad hand each other their moments and step count (adam to amsgrad
 * starts vmax at zero, which the first maximum fills with v); momentum and nesterov hand each
 * other the momentum buffer; rmsprop to centered rmsprop keeps v and starts m at zero. Between
 * families nothing carries over, not even where the formulas look alike: NAdam's and AdaMax's
 * moments belong with their own step counts and bias corrections, and a step count is never
 * kept without its moments. A slot starting at zero is a fresh start for its family: Adagrad
 * then sets its sum to initial_accumulator_value and NAdam its mu_product to 1, as PyTorch
 * initializes its state.
 */
package org.rnnlab.optim.internal;
