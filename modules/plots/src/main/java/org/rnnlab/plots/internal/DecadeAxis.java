package org.rnnlab.plots.internal;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.AttributedString;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A base-10 logarithmic axis that reads well whether its curves span a fraction of a decade or
 * twenty: a labelled tick at each power of ten (every second, fifth, ... one when there are
 * many) with gridlines at 2, 3, ..., 9 times it; when fewer than two powers of ten are in
 * view, ticks at round numbers instead (0.1, 0.125, 0.15, ...), so that a loss hovering around
 * 0.15 still has numbers beside it. Labels are plain numbers between 0.001 and 10000 and {@code 2e-5} beyond.
 */
final class DecadeAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    DecadeAxis(String label) {
        super(label);
        setBase(10);
        TickUnits decades = new TickUnits();
        NumberFormat exponents = NumberFormat.getIntegerInstance(Locale.ROOT);
        decades.add(new NumberTickUnit(1, exponents, 9)); // minor ticks at 2..9 × 10^k
        for (int many : new int[] {2, 3, 5, 10, 20, 50, 100}) {
            decades.add(new NumberTickUnit(many, exponents, 0));
        }
        setStandardTickUnits(decades);
        setMinorTickMarksVisible(true);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // JFreeChart's own signature
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        List<ValueTick> ticks = super.refreshTicks(g2, state, dataArea, edge);
        if (ticks.stream().filter(t -> t.getTickType() == TickType.MAJOR).count() >= 2) {
            return ticks;
        }
        // Less than a decade in view: ticks at round numbers, about six of them.
        double step = roundStep((getUpperBound() - getLowerBound()) / 6);
        TextAnchor anchor = edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : edge == RectangleEdge.RIGHT
                ? TextAnchor.CENTER_LEFT : edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER;
        List<ValueTick> round = new ArrayList<>();
        for (long k = (long) Math.ceil(getLowerBound() / step); k * step <= getUpperBound(); k++) {
            round.add(new LogTick(TickType.MAJOR, k * step, createTickLabel(k * step), anchor));
        }
        return round;
    }

    /** 1, 2, 2.5 or 5 times a power of ten, near {@code wanted}. */
    private static double roundStep(double wanted) {
        double power = Math.pow(10, Math.floor(Math.log10(wanted)));
        double f = wanted / power;
        return power * (f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10);
    }

    @Override
    protected AttributedString createTickLabel(double value) {
        String text = label(value);
        AttributedString label = new AttributedString(text);
        label.addAttributes(getTickLabelFont().getAttributes(), 0, text.length());
        return label;
    }

    /** A positive number to three significant digits: {@code 0.2}, {@code 150}, {@code 1e-5}, {@code 2.5e6}. */
    static String label(double value) {
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros();
        if (value >= 1e-3 && value < 1e4) {
            return rounded.toPlainString();
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        return rounded.movePointLeft(exponent).toPlainString() + "e" + exponent;
    }
}
