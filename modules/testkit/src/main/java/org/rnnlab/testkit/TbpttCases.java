package org.rnnlab.testkit;

import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.core.backend.JavaGemm;
import org.rnnlab.reference.ReferenceCase;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A case of type "tbptt": the window is cut into chunks; each chunk runs forward from the
 * state carried out of the previous one and back with its own rows of G, its entering state
 * treated as a constant. Compared: carried states, chunk losses, per-chunk and summed
 * gradients, dL/dx under truncation, dL/dh0 and dL/dc0 from chunk 0, and the full forward.
 */
final class TbpttCases {
    private TbpttCases() {
    }

    static CaseResult check(ReferenceCase reference, ComponentSource components, double tolerance) {
        JsonNode root = reference.json();
        String cellName = RnnCases.CELL_OF_MODE.get(root.get("mode").asText());
        CellType type = cellName == null ? null : components.find(CellType.class, cellName).orElse(null);
        if (type == null) {
            return CaseResult.failed(reference.name(), "no cell for mode " + root.get("mode").asText());
        }
        int batch = root.get("B").asInt();
        int input = root.get("I").asInt();
        int hidden = root.get("H").asInt();
        int steps = root.get("T").asInt();
        Cell cell = type.create(new CellSpec(input, hidden, Options.of(cellName, Map.of()), JavaGemm.INSTANCE));
        List<ParameterSpec> specs = cell.parameters();
        DMatrixRMaj[] params = new DMatrixRMaj[specs.size()];
        DMatrixRMaj[] summed = new DMatrixRMaj[specs.size()];
        for (int p = 0; p < params.length; p++) {
            params[p] = ReferenceCase.matrix(reference.at("params", RnnCases.Model.torchName(specs.get(p), 0, 0)),
                    specs.get(p).rows(), specs.get(p).cols());
            summed[p] = new DMatrixRMaj(specs.get(p).rows(), specs.get(p).cols());
        }
        double[] x = ReferenceCase.flat(reference.at("inputs", "x"));
        double[] g = ReferenceCase.flat(reference.at("inputs", "G"));
        double[] output = new double[steps * batch * hidden];
        double[] gradX = new double[x.length];
        String[] stateNames = cell.stateSize() == 2 ? new String[] {"h", "c"} : new String[] {"h"};
        DMatrixRMaj[] carried = new DMatrixRMaj[cell.stateSize()];
        DMatrixRMaj[] firstInitialGradient = null;
        for (int s = 0; s < carried.length; s++) {
            carried[s] = ReferenceCase.matrix(reference.at("inputs", s == 0 ? "h0" : "c0"), batch, hidden);
        }
        Comparison comparison = new Comparison();
        JsonNode chunks = reference.at("chunks");
        for (int j = 0; j < chunks.size(); j++) {
            int start = chunks.get(j).get(0).asInt();
            int end = chunks.get(j).get(1).asInt();
            int length = end - start;
            for (int s = 0; s < carried.length; s++) {
                comparison.check("chunk " + j + " entering " + stateNames[s],
                        ReferenceCase.flat(reference.at("chunk_initial_states").get(j).get(stateNames[s])), carried[s].data);
            }
            DMatrixRMaj inputs = rows(x, start, end, batch * input, input);
            CellTrace trace = cell.newTrace(batch, length);
            cell.forward(params, inputs, length, carried, trace);
            System.arraycopy(trace.outputs().data, 0, output, start * batch * hidden, length * batch * hidden);
            DMatrixRMaj gradOutputs = rows(g, start, end, batch * hidden, hidden);
            double loss = 0;
            for (int i = 0; i < length * batch * hidden; i++) {
                loss += trace.outputs().data[i] * gradOutputs.data[i];
            }
            comparison.check("chunk " + j + " loss", reference.at("chunk_losses").get(j).asDouble(), loss);

            DMatrixRMaj[] chunkGrads = new DMatrixRMaj[params.length];
            for (int p = 0; p < params.length; p++) {
                chunkGrads[p] = new DMatrixRMaj(params[p].numRows, params[p].numCols);
            }
            DMatrixRMaj gradInputs = new DMatrixRMaj(length * batch, input);
            DMatrixRMaj[] gradInitial = new DMatrixRMaj[carried.length];
            for (int s = 0; s < gradInitial.length; s++) {
                gradInitial[s] = new DMatrixRMaj(batch, hidden);
            }
            cell.backward(params, trace, gradOutputs, null, chunkGrads, gradInputs, gradInitial);
            for (int p = 0; p < params.length; p++) {
                String name = RnnCases.Model.torchName(specs.get(p), 0, 0);
                comparison.check("chunk " + j + " grad " + name,
                        ReferenceCase.flat(reference.at("grads_per_chunk").get(j).get(name)), chunkGrads[p].data);
                for (int i = 0; i < summed[p].data.length; i++) {
                    summed[p].data[i] += chunkGrads[p].data[i];
                }
            }
            System.arraycopy(gradInputs.data, 0, gradX, start * batch * input, length * batch * input);
            firstInitialGradient = j == 0 ? gradInitial : firstInitialGradient;
            for (int s = 0; s < carried.length; s++) {
                carried[s] = trace.finalState()[s].copy();
            }
        }
        for (int p = 0; p < params.length; p++) {
            String name = RnnCases.Model.torchName(specs.get(p), 0, 0);
            comparison.check("summed grad " + name, ReferenceCase.flat(reference.at("grads_sum", name)), summed[p].data);
        }
        comparison.check("summed grad x", ReferenceCase.flat(reference.at("grads_sum", "x")), gradX);
        for (int s = 0; s < carried.length; s++) {
            String initialName = s == 0 ? "h0" : "c0";
            comparison.check("summed grad " + initialName, ReferenceCase.flat(reference.at("grads_sum", initialName)),
                    firstInitialGradient[s].data);
            comparison.check(s == 0 ? "h_n" : "c_n", ReferenceCase.flat(reference.at("outputs", s == 0 ? "h_n" : "c_n")),
                    carried[s].data);
        }
        comparison.check("output", ReferenceCase.flat(reference.at("outputs", "output")), output);
        return CaseResult.of(reference.name(), comparison, tolerance);
    }

    /** Steps [start, end) of a time-major flat array, {@code perStep} values a step. */
    private static DMatrixRMaj rows(double[] all, int start, int end, int perStep, int cols) {
        DMatrixRMaj out = new DMatrixRMaj((end - start) * perStep / cols, cols);
        System.arraycopy(all, start * perStep, out.data, 0, (end - start) * perStep);
        return out;
    }
}
