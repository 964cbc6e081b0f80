package org.rnnlab.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.api.optim.UpdateRule;
import org.rnnlab.reference.ReferenceCase;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A case of type "optimizer": each run replayed with the optimizer that stands for its
 * torch.optim class, configured with PyTorch's hyperparameters: p = p0, fresh slots, one update
 * per given gradient, every step of the trajectory compared. One result per run.
 */
final class OptimizerCases {
    /** The rnnlab optimizer that stands for each torch.optim class. */
    static final Map<String, String> OPTIMIZER_OF_TORCH_CLASS = Map.of("torch.optim.SGD", "sgd",
            "torch.optim.Adagrad", "adagrad", "torch.optim.RMSprop", "rmsprop", "torch.optim.Adam", "adam",
            "torch.optim.AdamW", "adamw", "torch.optim.Adamax", "adamax", "torch.optim.NAdam", "nadam");
    /** PyTorch implementation switches recorded among the hyperparameters; not options. */
    private static final Set<String> SWITCHES = Set.of("foreach", "differentiable", "capturable", "fused", "maximize");

    private OptimizerCases() {
    }

    static List<CaseResult> check(ReferenceCase reference, ComponentSource components, double tolerance) {
        List<CaseResult> results = new ArrayList<>();
        for (JsonNode run : reference.at("runs")) {
            String name = reference.name() + " " + run.get("name").asText();
            String optimizer = OPTIMIZER_OF_TORCH_CLASS.get(run.get("optimizer").asText());
            results.add((optimizer == null ? java.util.Optional.<Optimizer>empty()
                    : components.find(Optimizer.class, optimizer))
                    .map(component -> CaseResult.of(name, replay(reference, run, component.configure(options(optimizer, run))), tolerance))
                    .orElse(CaseResult.failed(name, "no optimizer for " + run.get("optimizer").asText())));
        }
        return results;
    }

    private static Comparison replay(ReferenceCase reference, JsonNode run, UpdateRule rule) {
        DMatrixRMaj param = ReferenceCase.matrix(reference.at("p0"));
        DMatrixRMaj[] slots = new DMatrixRMaj[rule.slots().size()];
        for (int s = 0; s < slots.length; s++) {
            SlotSpec slot = rule.slots().get(s);
            slots[s] = slot.scalar() ? new DMatrixRMaj(1, 1) : new DMatrixRMaj(param.numRows, param.numCols);
        }
        Comparison comparison = new Comparison();
        for (int k = 0; k < reference.at("steps").asInt(); k++) {
            rule.apply(param, ReferenceCase.matrix(reference.at("grads").get(k)), slots, rule.learningRate(k));
            comparison.check("step " + k, ReferenceCase.flat(run.get("trajectory").get(k)), param.data);
        }
        return comparison;
    }

    /** PyTorch's hyperparameters as options; betas as "b1,b2". */
    static Options options(String owner, JsonNode run) {
        Map<String, String> values = new LinkedHashMap<>();
        run.get("hyperparameters").fields().forEachRemaining(field -> {
            if (SWITCHES.contains(field.getKey())) {
                return;
            }
            JsonNode value = field.getValue();
            if (value.isArray()) {
                List<String> parts = new ArrayList<>();
                value.forEach(part -> parts.add(Double.toString(part.asDouble())));
                values.put(field.getKey(), String.join(",", parts));
            } else {
                values.put(field.getKey(), value.isNumber() ? Double.toString(value.asDouble()) : value.asText());
            }
        });
        return Options.of(owner, values);
    }
}
