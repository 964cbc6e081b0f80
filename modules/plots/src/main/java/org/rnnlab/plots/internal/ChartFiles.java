package org.rnnlab.plots.internal;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.rnnlab.core.files.HomeFiles;

/**
 * A chart as the content of a PNG (1000 × 600 pixels, for slides and the web) or an SVG file
 * (the same layout as vector drawing, for papers), drawn without a display. Each carries a mark
 * (the PNG's {@code Software} text entry, a comment after the SVG's XML declaration) by which a
 * later plot knows a file it may replace: any other PNG or SVG, a person's own picture, is kept.
 */
final class ChartFiles {
    static final int WIDTH = 1000;
    static final int HEIGHT = 600;
    /** What rnnlab writes into each chart, near the start of the file. */
    static final String MARK = "rnnlab chart";
    private static final String PNG_METADATA = "javax_imageio_png_1.0";
    private static final String XML_DECLARATION = "<?xml version=\"1.0\"?>";

    private ChartFiles() {
    }

    /** An earlier chart of rnnlab's in the format, which a new one may replace. */
    static HomeFiles.Kind kind(String format) {
        return format.equals("png")
                ? new HomeFiles.Kind("an earlier rnnlab chart (a PNG with its mark)",
                        head -> head.startsWith("\u0089PNG\r\n") && head.contains("Software\0" + MARK))
                : new HomeFiles.Kind("an earlier rnnlab chart (an SVG with its mark)",
                        head -> head.contains("<!-- " + MARK + " -->") && head.contains("<svg"));
    }

    /** {@code format} is {@code png} or {@code svg}, as {@link HomeFiles#extension} returns it. */
    static HomeFiles.Content of(JFreeChart chart, String format) {
        if (format.equals("png")) {
            return out -> writePng(chart.createBufferedImage(WIDTH, HEIGHT), out);
        }
        return out -> {
            SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
            chart.draw(svg, new Rectangle(WIDTH, HEIGHT));
            String document = svg.getSVGDocument();
            // an XML comment may not come before the declaration
            String marked = document.startsWith(XML_DECLARATION)
                    ? XML_DECLARATION + "\n<!-- " + MARK + " -->" + document.substring(XML_DECLARATION.length())
                    : "<!-- " + MARK + " -->\n" + document;
            out.write(marked.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** The image as a PNG whose tEXt chunk (written before the pixels) names rnnlab. */
    private static void writePng(BufferedImage image, java.io.OutputStream out) throws java.io.IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    null);
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", "Software");
            entry.setAttribute("value", MARK);
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            text.appendChild(entry);
            IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
            root.appendChild(text);
            metadata.mergeTree(PNG_METADATA, root);
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, metadata));
        } finally {
            writer.dispose();
        }
    }
}
