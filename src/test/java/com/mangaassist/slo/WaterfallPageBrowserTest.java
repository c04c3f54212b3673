package com.mangaassist.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.mangaassist.backends.TestBackends;
import com.mangaassist.LocalBackendPorts;
import com.mangaassist.HeadlessChromium;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;

/** The waterfall page draws a slow request's spans as bars on a time axis, in headless Chromium. */
@LocalProfileTest
class WaterfallPageBrowserTest {

    @LocalServerPort
    int httpPort;

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    TestBackends.Bedrock standIn;

    HeadlessChromium chromium;
    ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        chromium = new HeadlessChromium(1200, 700);
        browser = chromium.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theWaterfallOfASlowRequestRendersAsBars() throws Exception {
        Duration normal = standIn.firstTokenDelay();
        String traceId;
        try (ChatClient client = new ChatClient(wsPort)) {
            // slow retrieval (abandoned at its deadline) plus a slow first token: past the 2 s SLO
            LocalBackendPorts.OPENSEARCH_PROXY.delay(3000);
            standIn.pace(Duration.ofMillis(1300), standIn.tokensPerSecond());
            traceId = client.ask("s-" + UUID.randomUUID(), "is made in abyss volume 2 in stock?")
                    .last().path("traceId").asText();
        } finally {
            standIn.pace(normal, standIn.tokensPerSecond());
            LocalBackendPorts.OPENSEARCH_PROXY.delay(0);
        }
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(50));

        // the list links to the kept trace
        wait.until(b -> {
            b.get("http://localhost:" + httpPort + "/waterfall.html");
            return !b.findElements(By.linkText(traceId)).isEmpty();
        });
        browser.findElement(By.linkText(traceId)).click();

        List<WebElement> bars = wait.until(b -> {
            List<WebElement> found = b.findElements(By.cssSelector(".row.span .bar"));
            return found.size() > 5 ? found : null;
        });
        assertThat(browser.findElement(By.id("summary")).getText()).contains(traceId).contains("first token");
        assertThat(browser.findElements(By.cssSelector(".bar.llm"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector(".tick"))).hasSizeGreaterThan(3);
        assertThat(bars).allSatisfy(bar -> assertThat(bar.getSize().getWidth()).isGreaterThanOrEqualTo(1));
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .noneMatch(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue());

        chromium.screenshot("waterfall.png");

        // an unknown trace says so instead of drawing nothing
        browser.get("http://localhost:" + httpPort + "/waterfall.html?trace=ffffffffffffffffffffffffffffffff");
        wait.until(b -> b.findElement(By.id("error")).getText().contains("No waterfall kept"));
    }
}
