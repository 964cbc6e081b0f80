package org.rnnlab.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
 * no-argument constructor, as SCR would for a component without activation parameters. A
 * bundle's tests use {@link #declaration} to check what it registers: the services, the
 * description and the class behind each name.
 */
public final class DeclarativeComponents implements ComponentSource {
    private static final Pattern NAME = Pattern.compile("<property name=\"rnnlab\\.name\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern DESCRIPTION = Pattern.compile(
            "<property name=\"rnnlab\\.description\"[^>]*value=\"([^\"]*)\"");
    private static final Pattern IMPLEMENTATION = Pattern.compile("<implementation class=\"([^\"]+)\"");
    private static final Pattern PROVIDES = Pattern.compile("<provide interface=\"([^\"]+)\"");

    /** What one descriptor declares: its name, description (null if none), services and class. */
    public record Declaration(String name, String description, List<String> services, String implementation) {
    }

    /** Declarations by "interface/name". */
    private final Map<String, Declaration> declarations = new HashMap<>();

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

    /** Records the descriptor under each interface it provides; two classes may not share a name. */
    private void index(String descriptor) {
        Matcher name = NAME.matcher(descriptor);
        Matcher implementation = IMPLEMENTATION.matcher(descriptor);
        if (name.find() && implementation.find()) {
            Matcher description = DESCRIPTION.matcher(descriptor);
            List<String> services = PROVIDES.matcher(descriptor).results().map(m -> m.group(1)).toList();
            Declaration declaration = new Declaration(name.group(1), description.find() ? unescaped(description.group(1)) : null,
                    services, implementation.group(1));
            for (String service : services) {
                Declaration earlier = declarations.putIfAbsent(service + "/" + declaration.name(), declaration);
                if (earlier != null && !earlier.implementation().equals(declaration.implementation())) {
                    throw new IllegalStateException("two " + service + " components named " + declaration.name() + ": "
                            + earlier.implementation() + " and " + declaration.implementation());
                }
            }
        }
    }

    private static String unescaped(String xml) {
        return xml.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** The names of every component declared for {@code type}, sorted. */
    public java.util.SortedSet<String> names(Class<?> type) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        String prefix = type.getName() + "/";
        declarations.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(k -> names.add(k.substring(prefix.length())));
        return names;
    }

    /** The descriptor that declares a {@code type} component called {@code name}. */
    public Optional<Declaration> declaration(Class<?> type, String name) {
        return Optional.ofNullable(declarations.get(type.getName() + "/" + name));
    }

    /** The component of that type and name, or an error naming the ones declared. */
    public <T> T require(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new IllegalArgumentException("no " + type.getSimpleName()
                + " registers as " + name + "; registered: " + names(type)));
    }

    /** Options written as in a test, {@code "k=v k=v"} (blank for none), owned by {@code owner}. */
    public static org.rnnlab.api.Options options(String owner, String keyValues) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String pair : keyValues.isBlank() ? new String[0] : keyValues.strip().split(" +")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        return org.rnnlab.api.Options.of(owner, values);
    }

    @Override
    public <T> Optional<T> find(Class<T> type, String name) {
        Optional<Declaration> declaration = declaration(type, name);
        if (declaration.isEmpty()) {
            return Optional.empty();
        }
        String implementation = declaration.get().implementation();
        try {
            return Optional.of(type.cast(Class.forName(implementation).getConstructor().newInstance()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + implementation + ": " + e, e);
        }
    }
}
