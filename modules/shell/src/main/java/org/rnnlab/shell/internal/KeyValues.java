package org.rnnlab.shell.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.rnnlab.api.RnnlabException;

/** The shell's {@code key=value} arguments, in the order given. */
final class KeyValues {
    /** The key that reads a run spec from a properties file. */
    static final String SPEC_FILE = "spec";

    private KeyValues() {
    }

    static Map<String, String> parse(String... tokens) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] pair : pairs(tokens)) {
            if (values.containsKey(pair[0])) {
                throw new RnnlabException("'" + pair[0] + "' is given twice");
            }
            values.put(pair[0], pair[1]);
        }
        return values;
    }

    /**
     * Each token split at its first '=' into key and value, keys repeated as given. A
     * {@code spec=FILE} token stands for the pairs of that properties file (path relative to the
     * working folder), except the keys also given as tokens: those win.
     */
    static List<String[]> pairs(String... tokens) {
        List<String[]> given = new ArrayList<>();
        for (String token : tokens) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new RnnlabException("malformed argument '" + token + "'; expected key=value, e.g. cell=lstm");
            }
            given.add(new String[] {token.substring(0, eq).strip(), token.substring(eq + 1).strip()});
        }
        Set<String> explicit = given.stream().map(pair -> pair[0]).collect(Collectors.toSet());
        List<String[]> pairs = new ArrayList<>();
        for (String[] pair : given) {
            if (pair[0].equals(SPEC_FILE)) {
                specFile(pair[1]).forEach((key, value) -> {
                    if (!explicit.contains(key)) {
                        pairs.add(new String[] {key, value});
                    }
                });
            } else {
                pairs.add(pair);
            }
        }
        return pairs;
    }

    /** What went wrong with a spec file, in words. */
    private static String why(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "it is not UTF-8 text (a binary file?); give key=value lines";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof IllegalArgumentException) {
            return "it is not a properties file (" + e.getMessage() + ")";
        }
        return String.valueOf(e.getMessage());
    }

    /** A run spec saved as a properties file, in the file's order; a key in it twice is refused. */
    private static Map<String, String> specFile(String file) {
        Map<String, String> values = new LinkedHashMap<>();
        Properties ordered = new Properties() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Object put(Object key, Object value) {
                String earlier = values.put(((String) key).strip(), ((String) value).strip());
                if (earlier != null) {
                    // Properties would keep the last silently; which one the person meant is theirs to say
                    throw new RnnlabException("the spec file " + file + " gives '" + ((String) key).strip() + "' twice ("
                            + earlier + " and " + ((String) value).strip() + "); give each key once");
                }
                return super.put(key, value);
            }
        };
        if (Files.isDirectory(Path.of(file))) {
            throw new RnnlabException("cannot read the spec file " + file + ": it is a folder");
        }
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            ordered.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new RnnlabException("cannot read the spec file " + file + ": " + why(e));
        }
        if (values.containsKey(SPEC_FILE)) {
            throw new RnnlabException("the spec file " + file + " names another spec file; give its keys instead");
        }
        return values;
    }
}
