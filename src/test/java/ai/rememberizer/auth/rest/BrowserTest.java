package ai.rememberizer.auth.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.support.Api;
import ai.rememberizer.auth.support.BrowserPage;
import ai.rememberizer.auth.support.CaptchaStub;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The public page's {@code fetch(…, {credentials: 'include'})} examples in a real headless
 * Chromium, from a page on another origin (Debian's chromium and chromium-driver).
 */
@QuarkusTest
class BrowserTest {

    private static ChromeDriver browser;

    @TestHTTPResource("/")
    URL service;

    @BeforeAll
    static void startBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath());
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> runFlow(String pageOrigin, String email) {
        browser.get(pageOrigin + "/");
        String api = service.toString().replaceAll("/$", "");
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "runFlow(arguments[0], arguments[1], arguments[2]).then(done, e => done({error: String(e)}));",
                api, email, CaptchaStub.PASS);
    }

    @Test
    void aPageOnAConfiguredOriginSignsInRefreshesAndLogsOutWithoutSeeingTheCookies() {
        String email = Api.uniqueEmail();
        Map<String, Object> result = runFlow(BrowserPage.origin(), email);

        assertThat(result.get("signup")).isEqualTo(201L);
        assertThat(result.get("signin")).isEqualTo(204L);
        assertThat((String) result.get("cookiesSeenAfterSignup")).doesNotContain("access_token").doesNotContain("refresh_token");
        assertThat((String) result.get("cookiesSeenAfterSignin")).doesNotContain("access_token").doesNotContain("refresh_token");
        assertThat(result.get("account")).isEqualTo(200L);
        assertThat(result.get("refresh")).isEqualTo(204L);
        assertThat(result.get("accountAfterRefresh")).isEqualTo(200L);
        assertThat(result.get("logout")).isEqualTo(204L);
        assertThat(result.get("refreshAfterLogout")).isEqualTo(401L);
        assertThat(result.get("accountAfterLogout")).isEqualTo(401L);
    }

    @Test
    void aPageOnAnotherOriginIsRefused() {
        String email = Api.uniqueEmail();
        Map<String, Object> result = runFlow(BrowserPage.foreignOrigin(), email);

        assertThat(result.get("signup")).isEqualTo("blocked");
        assertThat(result.get("signin")).isEqualTo("blocked");
        long accounts = QuarkusTransaction.requiringNew().call(() -> User.count("emailKey", User.keyOf(email)));
        assertThat(accounts).isZero();
    }
}
