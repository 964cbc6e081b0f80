package org.rnnlab.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.reference.ReferenceCase;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A case of type "clip": PyTorch's clip_grad_norm_ (global L2, every max_norm given) by the
 * {@code clip-norm} remedy, its reported pre-clip norm, and clip_grad_value_ by
 * {@code clip-value}; one result per entry.
 */
final class ClipCases {
    private ClipCases() {
    }

    static List<CaseResult> check(ReferenceCase reference, ComponentSource components, double tolerance) {
        List<CaseResult> results = new ArrayList<>();
        for (JsonNode entry : reference.at("clip_grad_norm")) {
            String name = reference.name() + " clip-norm max=" + entry.get("max_norm").asDouble();
            results.add(components.find(GradientRemedy.class, "clip-norm")
                    .map(remedy -> {
                        LooseGradients model = tensors(reference);
                        Map<String, Double> report = new HashMap<>();
                        remedy.configure(Options.of("clip-norm", Map.of("max", entry.get("max_norm").asText(), "norm", "2")))
                                .adjust(model, report);
                        Comparison comparison = compareOut(model, entry.get("grads_out"));
                        comparison.check("total_norm", entry.get("total_norm").asDouble(), report.getOrDefault("norm", Double.NaN));
                        return CaseResult.of(name, comparison, tolerance);
                    })
                    .orElse(CaseResult.failed(name, "no remedy named clip-norm")));
        }
        JsonNode byValue = reference.at("clip_grad_value");
        String name = reference.name() + " clip-value value=" + byValue.get("clip_value").asDouble();
        results.add(components.find(GradientRemedy.class, "clip-value")
                .map(remedy -> {
                    LooseGradients model = tensors(reference);
                    remedy.configure(Options.of("clip-value", Map.of("value", byValue.get("clip_value").asText())))
                            .adjust(model, new HashMap<>());
                    return CaseResult.of(name, compareOut(model, byValue.get("grads_out")), tolerance);
                })
                .orElse(CaseResult.failed(name, "no remedy named clip-value")));
        return results;
    }

    private static LooseGradients tensors(ReferenceCase reference) {
        LooseGradients model = new LooseGradients();
        for (JsonNode tensor : reference.at("grads_in")) {
            double[] values = ReferenceCase.flat(tensor);
            model.add(values);
        }
        return model;
    }

    private static Comparison compareOut(LooseGradients model, JsonNode expected) {
        Comparison comparison = new Comparison();
        for (int i = 0; i < model.size(); i++) {
            comparison.check("tensor " + i, ReferenceCase.flat(expected.get(i)), model.gradient(i).data);
        }
        return comparison;
    }
}
