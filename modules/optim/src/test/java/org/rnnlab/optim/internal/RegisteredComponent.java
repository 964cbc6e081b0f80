package org.rnnlab.optim.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.rnnlab.api.Components;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The DS components of this bundle as the framework will see them: read from the descriptors
 * bnd generated into {@code OSGI-INF/} from the {@code @Component} annotations (which are not
 * kept at run time), so tests reach every component by the {@code rnnlab.name} it registers with.
 */
record RegisteredComponent(String name, String description, List<String> services, String implementation) {

    /** Every component of the classes directory that holds {@code anyComponent}, by name. */
    static Map<String, RegisteredComponent> beside(Class<?> anyComponent) {
        Map<String, RegisteredComponent> byName = new TreeMap<>();
        try (Stream<Path> descriptors = Files.list(classesDirectory(anyComponent).resolve("OSGI-INF"))) {
            for (Path descriptor : descriptors.filter(p -> p.toString().endsWith(".xml")).toList()) {
                RegisteredComponent component = read(descriptor);
                if (byName.put(component.name(), component) != null) {
                    throw new IllegalStateException("two components named " + component.name());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the component descriptors: " + e.getMessage(), e);
        }
        return byName;
    }

    /** A new instance of the component, as SCR would make it. */
    <T> T instance(Class<T> service) {
        try {
            return service.cast(Class.forName(implementation).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + implementation + ": " + e, e);
        }
    }

    private static Path classesDirectory(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RegisteredComponent read(Path descriptor) {
        try {
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor.toFile());
            String name = null;
            String description = null;
            NodeList properties = xml.getElementsByTagName("property");
            for (int i = 0; i < properties.getLength(); i++) {
                Element property = (Element) properties.item(i);
                if (property.getAttribute("name").equals(Components.NAME)) {
                    name = property.getAttribute("value");
                } else if (property.getAttribute("name").equals(Components.DESCRIPTION)) {
                    description = property.getAttribute("value");
                }
            }
            NodeList provides = xml.getElementsByTagName("provide");
            List<String> services = Stream.iterate(0, i -> i < provides.getLength(), i -> i + 1)
                    .map(i -> ((Element) provides.item(i)).getAttribute("interface")).toList();
            String implementation = ((Element) xml.getElementsByTagName("implementation").item(0)).getAttribute("class");
            return new RegisteredComponent(name, description, services, implementation);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + descriptor + ": " + e.getMessage(), e);
        }
    }
}
