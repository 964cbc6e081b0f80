package org.rnnlab.remedy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.remedy.GradientRemedy;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The remedies as SCR will register them: the DS descriptors bnd wrote into {@code OSGI-INF/}
 * (the {@code @Component} annotation itself is gone at run time), one per remedy, each under
 * {@link GradientRemedy} with its name and a one-line description.
 */
class RegistrationTest {
    private static final Set<String> REMEDIES = Set.of("clip-norm", "clip-value", "clip-param", "clip-adaptive",
            "tbptt", "l1", "l2", "pascanu", "nonfinite-guard");

    /** Implementation class by rnnlab.name. */
    private static final Map<String, String> IMPLEMENTATIONS = new TreeMap<>();
    private static final Map<String, String> DESCRIPTIONS = new TreeMap<>();

    @BeforeAll
    static void readDescriptors() throws Exception {
        Path classes = Path.of(ClipNormRemedy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.list(classes.resolve("OSGI-INF"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).toList()) {
                Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
                assertEquals(GradientRemedy.class.getName(),
                        ((Element) xml.getElementsByTagName("provide").item(0)).getAttribute("interface"), file.toString());
                String name = property(xml, Components.NAME);
                assertNull(IMPLEMENTATIONS.put(name,
                        ((Element) xml.getElementsByTagName("implementation").item(0)).getAttribute("class")),
                        "two components named " + name);
                DESCRIPTIONS.put(name, property(xml, Components.DESCRIPTION));
            }
        }
    }

    @Test
    void everyRemedyIsRegisteredOnceUnderItsName() {
        assertEquals(REMEDIES, Set.copyOf(IMPLEMENTATIONS.keySet()));
    }

    static Stream<String> remedies() {
        return REMEDIES.stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("remedies")
    void hasAOneLineDescription(String name) {
        String description = DESCRIPTIONS.get(name);
        assertTrue(description != null && !description.isBlank(), name + " has no description");
        assertFalse(description.contains("\n"), description);
    }

    /** Bad options everywhere: an unknown key gets one line that names the accepted ones. */
    @ParameterizedTest
    @MethodSource("remedies")
    void rejectsAnUnknownOptionNamingTheAcceptedOnes(String name) throws ReflectiveOperationException {
        GradientRemedy remedy = (GradientRemedy) Class.forName(IMPLEMENTATIONS.get(name)).getDeclaredConstructor()
                .newInstance();
        RnnlabException e = assertThrows(RnnlabException.class,
                () -> remedy.configure(Options.of(name, Map.of("nosuch", "1"))));
        assertTrue(e.getMessage().startsWith("unknown option 'nosuch' for " + name + "; accepted: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static String property(Document xml, String key) {
        NodeList properties = xml.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (property.getAttribute("name").equals(key)) {
                return property.getAttribute("value");
            }
        }
        return null;
    }
}
