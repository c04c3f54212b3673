package com.mangaassist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.mangaassist.LocalBackendPorts;
import com.mangaassist.MangaAssistApplication;

/** Bad configuration stops the real application with one message that names the setting. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    private static String[] arguments(Map<String, Object> ports, String... extra) {
        List<String> args = new ArrayList<>(List.of(LocalBackendPorts.asArguments(ports)));
        args.add("--server.port=0");
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static Map<String, Object> freshPorts() {
        return LocalBackendPorts.freePorts("mangaassist.local.dynamodb.port",
                "mangaassist.local.opensearch.http-port", "mangaassist.local.opensearch.transport-port",
                "mangaassist.local.redis.port", "mangaassist.local.bedrock.port");
    }

    @Test
    void aPortInUseNamesItsSetting(CapturedOutput output) throws Exception {
        Map<String, Object> ports = freshPorts();
        try (ServerSocket occupied = new ServerSocket()) {
            occupied.bind(new InetSocketAddress("127.0.0.1", (Integer) ports.get("mangaassist.local.redis.port")));
            assertThatThrownBy(() -> new SpringApplicationBuilder(MangaAssistApplication.class)
                    .run(arguments(ports)))
                    .hasStackTraceContaining("mangaassist.local.redis.port");
        }
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("Setting 'mangaassist.local.redis.port' = '" + ports.get("mangaassist.local.redis.port")
                        + "': port " + ports.get("mangaassist.local.redis.port") + " is already in use")
                .contains("Change the setting 'mangaassist.local.redis.port'");
    }

    @Test
    void aMissingCatalogFileNamesItsSetting(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(MangaAssistApplication.class)
                .run(arguments(freshPorts(), "--mangaassist.catalog.products=file:/nonexistent/products.json")))
                .hasStackTraceContaining("mangaassist.catalog.products");
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("Setting 'mangaassist.catalog.products' = 'file:/nonexistent/products.json': catalog file not found");
    }
}
