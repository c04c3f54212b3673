package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.mangaassist.HeadlessChromium;
import com.mangaassist.LocalProfileTest;

/**
 * The chat page in Debian's headless Chromium: a shopper types a question and watches the answer
 * stream in, then sees the trace id, intent, degradation level and cached flag (a screenshot is
 * written to target/screenshots/); a service restart (close code 1012) is said and the page
 * reconnects by itself.
 */
@LocalProfileTest
class ChatPageBrowserTest {

    @LocalServerPort
    int httpPort;

    @Autowired
    ChatConnections connections;

    HeadlessChromium chromium;
    ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        chromium = new HeadlessChromium(1000, 800);
        browser = chromium.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aShopperSeesTheAnswerStreamAndItsTraceId() throws Exception {
        browser.get("http://localhost:" + httpPort + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(10));
        wait.until(b -> b.findElement(By.id("send")).isEnabled());
        assertThat(browser.findElement(By.id("stand-in")).isDisplayed()).isTrue();

        browser.findElement(By.id("question")).sendKeys("how much is frieren volume 3?");
        browser.findElement(By.id("send")).click();

        WebElement answer = wait.until(b -> b.findElement(By.cssSelector(".turn.assistant")));
        // seen part-way: some text shown while the answer is not complete yet
        String partial = wait.until(b -> {
            String text = answer.findElement(By.className("text")).getText();
            return !text.isEmpty() && !answer.getAttribute("class").contains("complete") ? text : null;
        });
        wait.until(b -> answer.getAttribute("class").contains("complete"));
        String full = answer.findElement(By.className("text")).getText();
        assertThat(full).startsWith(partial.strip()).hasSizeGreaterThan(partial.length());
        assertThat(full).contains("Frieren: Beyond Journey's End, Vol. 3");

        String meta = answer.findElement(By.className("meta")).getText();
        assertThat(meta).containsPattern("trace id: [0-9a-f]{32}")
                .contains("intent: price_check").contains("degradation: full").contains("cached: false");
        // the sources the answer was built from, under it, the asked-for volume first
        var sources = answer.findElements(By.cssSelector(".sources .source"));
        assertThat(sources).isNotEmpty();
        assertThat(sources.get(0).getText()).startsWith("Frieren: Beyond Journey's End, Vol. 3 (MNG-");

        chromium.screenshot("chat-page.png");
    }

    @Test
    void aServiceRestartIsSaidAndThePageReconnectsByItself() {
        browser.get("http://localhost:" + httpPort + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(10));
        wait.until(b -> b.findElement(By.id("send")).isEnabled());
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("connected");

        // what a graceful stop does last (GracefulStop): every chat connection closed with 1012
        assertThat(connections.closeAll(GracefulStop.SERVICE_RESTART, "service restart", Duration.ofSeconds(2)))
                .isGreaterThanOrEqualTo(1);
        wait.until(b -> b.findElement(By.id("status")).getText().contains("restarting"));
        assertThat(browser.findElement(By.id("send")).isEnabled()).isFalse();
        wait.until(b -> "reconnected".equals(b.findElement(By.id("status")).getText())
                && b.findElement(By.id("send")).isEnabled());

        browser.findElement(By.id("question")).sendKeys("is frieren volume 2 in stock? " + ChatClient.uniqueWords());
        browser.findElement(By.id("send")).click();
        WebElement answer = wait.until(b -> b.findElement(By.cssSelector(".turn.assistant")));
        wait.until(b -> answer.getAttribute("class").contains("complete"));
        assertThat(answer.findElement(By.className("meta")).getText()).containsPattern("trace id: [0-9a-f]{32}");
    }
}
