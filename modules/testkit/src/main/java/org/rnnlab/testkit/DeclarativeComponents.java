package org.rnnlab.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Components found, outside a framework, the way the runtime finds them: by the Declarative
 * Services descriptors ({@code OSGI-INF/*.xml}) of the jars on the class path, each naming its
 * implementation class and its {@code rnnlab.name}. The class is instantiated with its public
 * no-argument constructor, as SCR would for a component without activation parameters.
 */
public final class DeclarativeComponents implements ComponentSource {
    private static final Pattern NAME = Pattern.compile("<property name=\"rnnlab\\.name\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern IMPLEMENTATION = Pattern.compile("<implementation class=\"([^\"]+)\"");
    private static final Pattern PROVIDES = Pattern.compile("<provide interface=\"([^\"]+)\"");

    /** Implementation class by "interface/name". */
    private final Map<String, String> classes = new HashMap<>();

    /** The components declared by every jar and folder of {@code java.class.path}. */
    public static DeclarativeComponents onClassPath() {
        DeclarativeComponents components = new DeclarativeComponents();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            components.scan(Path.of(entry));
        }
        return components;
    }

    private void scan(Path entry) {
        try {
            if (Files.isDirectory(entry.resolve("OSGI-INF"))) {
                try (Stream<Path> files = Files.list(entry.resolve("OSGI-INF"))) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        if (file.toString().endsWith(".xml")) {
                            index(Files.readString(file));
                        }
                    }
                }
            } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    for (var e : (Iterable<java.util.jar.JarEntry>) jar.stream()::iterator) {
                        if (e.getName().startsWith("OSGI-INF/") && e.getName().endsWith(".xml")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                index(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry, e);
        }
    }

    private void index(String descriptor) {
        Matcher name = NAME.matcher(descriptor);
        Matcher implementation = IMPLEMENTATION.matcher(descriptor);
        if (name.find() && implementation.find()) {
            Matcher provides = PROVIDES.matcher(descriptor);
            while (provides.find()) {
                classes.putIfAbsent(provides.group(1) + "/" + name.group(1), implementation.group(1));
            }
        }
    }

    /** The names of every component declared for {@code type}, sorted. */
    public java.util.SortedSet<String> names(Class<?> type) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        String prefix = type.getName() + "/";
        classes.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(k -> names.add(k.substring(prefix.length())));
        return names;
    }

    @Override
    public <T> Optional<T> find(Class<T> type, String name) {
        String implementation = classes.get(type.getName() + "/" + name);
        if (implementation == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(type.cast(Class.forName(implementation).getConstructor().newInstance()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + implementation + ": " + e, e);
        }
    }
}
