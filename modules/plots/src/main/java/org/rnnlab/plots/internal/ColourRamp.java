package org.rnnlab.plots.internal;

import java.awt.Color;
import java.awt.Paint;

import org.jfree.chart.renderer.PaintScale;

/**
 * Colours for values in [lower, upper] along viridis (van der Walt and Smith, matplotlib's
 * default map): dark blue to yellow, its lightness rising evenly, so it reads in greyscale and
 * for colour-blind readers. Values outside are clamped; NaN (no value) is light grey.
 */
final class ColourRamp implements PaintScale {
    private static final Color[] VIRIDIS = {new Color(0x440154), new Color(0x472d7b), new Color(0x3b528b),
            new Color(0x2c728e), new Color(0x21918c), new Color(0x28ae80), new Color(0x5ec962), new Color(0xaddc30),
            new Color(0xfde725)};
    static final Color MISSING = new Color(0xe0e0e0);

    private final double lower;
    private final double upper;

    ColourRamp(double lower, double upper) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("empty range [" + lower + ", " + upper + "]");
        }
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        double position = Math.max(0, Math.min(1, (value - lower) / (upper - lower))) * (VIRIDIS.length - 1);
        int below = Math.min((int) position, VIRIDIS.length - 2);
        double f = position - below;
        Color a = VIRIDIS[below];
        Color b = VIRIDIS[below + 1];
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
