package org.rnnlab.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A set of reference cases: {@code index.json} plus the case files it lists. The set that ships
 * in this jar is the default; the system property {@value #DIRECTORY_PROPERTY} (or
 * {@link #open(Path)}) points tests and the testkit at any other directory of the same schema,
 * e.g. one generated with another seed.
 */
public final class ReferenceSet {
    public static final String DIRECTORY_PROPERTY = "rnnlab.reference";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory; // null: the copy in this jar
    private final JsonNode index;

    private ReferenceSet(Path directory) {
        this.directory = directory;
        this.index = read("index.json");
    }

    /** The directory named by {@value #DIRECTORY_PROPERTY}, or the set that ships in this jar. */
    public static ReferenceSet standard() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        return new ReferenceSet(dir == null || dir.isBlank() ? null : Path.of(dir));
    }

    public static ReferenceSet open(Path directory) {
        return new ReferenceSet(directory);
    }

    /** Where the cases come from, for messages. */
    public String location() {
        return directory == null ? "built-in reference set" : directory.toString();
    }

    /** Every case of the given case_type ({@code rnn}, {@code tbptt}, {@code optimizer}, {@code clip}). */
    public List<ReferenceCase> cases(String caseType) {
        List<ReferenceCase> cases = new ArrayList<>();
        for (JsonNode entry : index.get("files")) {
            if (caseType.equals(entry.get("case_type").asText())) {
                cases.add(new ReferenceCase(read(entry.get("file").asText())));
            }
        }
        return cases;
    }

    private JsonNode read(String file) {
        try (InputStream in = directory == null
                ? ReferenceSet.class.getResourceAsStream(file)
                : Files.newInputStream(directory.resolve(file))) {
            if (in == null) {
                throw new IOException("missing " + file);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference file " + file + " from " + location() + ": "
                    + e.getMessage(), e);
        }
    }
}
