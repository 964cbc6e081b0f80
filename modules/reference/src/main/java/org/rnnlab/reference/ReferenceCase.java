package org.rnnlab.reference;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One case file, with conversions of its nested arrays. Numbers are parsed by Jackson from
 * their shortest round-trip decimal form, so every double is exactly the one PyTorch held.
 */
public final class ReferenceCase {
    private final JsonNode root;

    ReferenceCase(JsonNode root) {
        this.root = root;
    }

    public String name() {
        return root.get("name").asText();
    }

    public JsonNode json() {
        return root;
    }

    /** The node at a path of field names, e.g. {@code at("inputs", "x")}. */
    public JsonNode at(String... path) {
        JsonNode node = root;
        for (String field : path) {
            node = node.get(field);
            if (node == null) {
                throw new IllegalArgumentException(name() + ": no field " + String.join(".", path));
            }
        }
        return node;
    }

    /** Flattens a tensor of any rank in row-major order. */
    public static double[] flat(JsonNode tensor) {
        List<Double> values = new ArrayList<>();
        collect(tensor, values);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** A tensor as a matrix of the given shape (row-major flattening of all its elements). */
    public static DMatrixRMaj matrix(JsonNode tensor, int rows, int cols) {
        double[] data = flat(tensor);
        if (data.length != rows * cols) {
            throw new IllegalArgumentException("tensor has " + data.length + " elements, not " + rows + "x" + cols);
        }
        return new DMatrixRMaj(rows, cols, true, data);
    }

    /** A 2-D tensor ({@code [r][c]}) as a matrix; a 1-D tensor as a 1 x n row. */
    public static DMatrixRMaj matrix(JsonNode tensor) {
        if (tensor.isArray() && tensor.size() > 0 && tensor.get(0).isArray()) {
            return matrix(tensor, tensor.size(), tensor.get(0).size());
        }
        return matrix(tensor, 1, tensor.size());
    }

    private static void collect(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                collect(child, out);
            }
        } else {
            out.add(node.asDouble());
        }
    }
}
