package org.rnnlab.api.optim;

/**
 * One piece of per-parameter optimizer state, stored by the run under its name: either shaped
 * like the parameter (Adam's {@code adam.m}, {@code adam.v}) or a single number
 * ({@code adam.step}). Slots are matched by name when the optimizer is swapped: a slot the new
 * optimizer also declares (same name and kind) carries over, any other starts at zero. Name
 * slots after the family of update rules that gives them one meaning ({@code adam.*} for Adam,
 * AdamW and AMSGrad), so a step count never carries over without the moments it belongs to.
 */
public record SlotSpec(String name, boolean scalar) {
    public static SlotSpec shaped(String name) {
        return new SlotSpec(name, false);
    }

    public static SlotSpec scalar(String name) {
        return new SlotSpec(name, true);
    }
}
