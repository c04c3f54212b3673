package com.mangaassist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.mangaassist.LocalBackendPorts;
import com.mangaassist.MangaAssistApplication;
import com.mangaassist.backends.TestBackends;

/** Bad configuration stops the real application, or the local backends, with one message that names the setting. */
@Tag("full-stack") // starts real processes
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    @Test
    void aBackendsPortInUseNamesItsSetting() throws Exception {
        Map<String, Object> ports = LocalBackendPorts.freePorts("mangaassist.local.dynamodb.port",
                "mangaassist.local.opensearch.http-port", "mangaassist.local.opensearch.transport-port",
                "mangaassist.local.redis.port", "mangaassist.local.bedrock.port", "mangaassist.local.control-port");
        int redisPort = (Integer) ports.get("mangaassist.local.redis.port");
        try (ServerSocket occupied = new ServerSocket()) {
            occupied.bind(new InetSocketAddress("127.0.0.1", redisPort));
            List<String> command = new ArrayList<>(TestBackends.launcher());
            command.addAll(List.of(LocalBackendPorts.asArguments(ports)));
            Process backends = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(backends.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(backends.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(backends.exitValue()).as(output).isEqualTo(2);
            assertThat(output)
                    .contains("LOCAL BACKENDS FAILED TO START")
                    .contains("Setting 'mangaassist.local.redis.port' = '" + redisPort + "': port " + redisPort + " is already in use")
                    .contains("Change the setting 'mangaassist.local.redis.port'");
        }
    }

    @Test
    void aMissingCatalogFileNamesItsSetting(CapturedOutput output) {
        List<String> args = new ArrayList<>(List.of(LocalBackendPorts.asArguments(TestBackends.get().ports())));
        args.add("--server.port=0");
        args.add("--mangaassist.ws.port=" + LocalBackendPorts.freePort());
        args.add("--mangaassist.catalog.products=file:/nonexistent/products.json");
        assertThatThrownBy(() -> new SpringApplicationBuilder(MangaAssistApplication.class).run(args.toArray(String[]::new)))
                .hasStackTraceContaining("mangaassist.catalog.products");
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("Setting 'mangaassist.catalog.products' = 'file:/nonexistent/products.json': catalog file not found");
    }
}
