package com.mangaassist.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import javax.management.ObjectName;

import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.util.RequestType;
import org.junit.jupiter.api.Test;

/**
 * The Jolokia policy the service ships (src/main/resources/jolokia-access.xml): Hawtio's Camel views
 * keep their read-only operations; nothing can be written and no other operation runs.
 */
class JolokiaPolicyTest {

    private static PolicyRestrictor policy() throws Exception {
        try (InputStream xml = JolokiaPolicyTest.class.getResourceAsStream("/jolokia-access.xml")) {
            assertThat(xml).as("jolokia-access.xml at the classpath root, where Jolokia looks").isNotNull();
            return new PolicyRestrictor(xml);
        }
    }

    @Test
    void hawtiosCamelViewsCanReadAndDumpRoutes() throws Exception {
        PolicyRestrictor policy = policy();
        ObjectName context = new ObjectName("org.apache.camel:context=MangaAssist,type=context,name=\"MangaAssist\"");
        assertThat(policy.isTypeAllowed(RequestType.READ)).isTrue();
        assertThat(policy.isTypeAllowed(RequestType.LIST)).isTrue();
        assertThat(policy.isAttributeReadAllowed(context, "State")).isTrue();
        assertThat(policy.isAttributeReadAllowed(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage")).isTrue();
        // as Hawtio's Camel plugin sends them: with the signature, or the bare name with arguments
        assertThat(policy.isOperationAllowed(context, "dumpRoutesAsXml()")).isTrue();
        assertThat(policy.isOperationAllowed(context, "dumpRoutesStatsAsXml")).isTrue();
        ObjectName route = new ObjectName("org.apache.camel:context=MangaAssist,type=routes,name=\"chat-pipeline\"");
        assertThat(policy.isOperationAllowed(route, "dumpRouteStatsAsXml(boolean,boolean)")).isTrue();
        assertThat(policy.isOperationAllowed(new ObjectName("java.lang:type=Memory"), "gc")).isTrue(); // make bench
        assertThat(policy.isOperationAllowed(new ObjectName("hawtio:type=security,area=jmx,name=HawtioDummyJMXSecurity"),
                "canInvoke(java.util.Map)")).isTrue();
    }

    @Test
    void nothingIsWrittenAndNoOtherOperationRuns() throws Exception {
        PolicyRestrictor policy = policy();
        assertThat(policy.isTypeAllowed(RequestType.WRITE)).isFalse();
        ObjectName route = new ObjectName("org.apache.camel:context=MangaAssist,type=routes,name=\"chat-pipeline\"");
        assertThat(policy.isAttributeWriteAllowed(route, "TracingEnabled")).isFalse();
        assertThat(policy.isOperationAllowed(route, "stop")).isFalse();
        assertThat(policy.isOperationAllowed(route, "updateRouteFromXml")).isFalse();
        assertThat(policy.isOperationAllowed(new ObjectName("org.apache.camel:context=MangaAssist,type=context,name=\"MangaAssist\""),
                "shutdown")).isFalse();
        assertThat(policy.isOperationAllowed(new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmSystemProperties"))
                .isFalse();
        assertThat(policy.isOperationAllowed(new ObjectName("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap")).isFalse();
        assertThat(policy.isAttributeReadAllowed(new ObjectName("com.sun.management:type=DiagnosticCommand"), "x")).isFalse();
    }
}
