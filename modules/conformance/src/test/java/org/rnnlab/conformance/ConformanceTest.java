package org.rnnlab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.reference.ReferenceSet;
import org.rnnlab.testkit.CaseResult;
import org.rnnlab.testkit.ConformanceChecker;
import org.rnnlab.testkit.DeclarativeComponents;

/** rnnlab's own components, found by their DS descriptors, pass every reference case. */
class ConformanceTest {
    private final ConformanceChecker checker = new ConformanceChecker(DeclarativeComponents.onClassPath());

    @Test
    void everyCaseOfTheReferenceSetPasses() {
        List<CaseResult> results = checker.check(ReferenceSet.standard());
        String failures = results.stream().filter(r -> !r.passed()).map(CaseResult::line).collect(Collectors.joining("\n"));
        assertEquals("", failures);
        // 10 rnn files, 1 tbptt, 9 optimizer runs, 2 clip-norm entries and 1 clip-value.
        assertEquals(23, results.size(), results.stream().map(CaseResult::name).collect(Collectors.joining(", ")));
    }

    private static void copyResource(String name, Path folder) throws IOException {
        try (var in = ReferenceSet.class.getResourceAsStream(name)) {
            Files.copy(in, folder.resolve(name));
        }
    }

    /** A set whose numbers were changed fails exactly the changed case, so the checks bite. */
    @Test
    void aTamperedCaseFails(@TempDir Path folder) throws IOException {
        copyResource("index.json", folder);
        for (var entry : new com.fasterxml.jackson.databind.ObjectMapper().readTree(folder.resolve("index.json").toFile()).get("files")) {
            copyResource(entry.get("file").asText(), folder);
        }
        Path gru = folder.resolve("gru_T5_B3_I4_H6.json");
        String json = Files.readString(gru);
        int digit = json.indexOf('.', json.indexOf("\"h_n\"")) + 2; // second decimal of the first h_n value
        char changed = json.charAt(digit) == '1' ? '2' : '1';
        Files.writeString(gru, json.substring(0, digit) + changed + json.substring(digit + 1));

        List<CaseResult> results = checker.check(ReferenceSet.open(folder));
        List<String> failed = results.stream().filter(r -> !r.passed()).map(CaseResult::name).toList();
        assertEquals(List.of("gru_T5_B3_I4_H6"), failed);
        assertFalse(results.isEmpty());
        assertTrue(results.stream().filter(CaseResult::passed).count() > 20);
    }
}
