package ai.rememberizer.auth.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Test resources shared by every {@code @QuarkusTest}: the captcha provider stub, the SMTP
 * server, and the web page on another origin for the browser test.
 */
@QuarkusTestResource(CaptchaStub.class)
@QuarkusTestResource(MailServer.class)
@QuarkusTestResource(BrowserPage.class)
public final class TestResources {
    private TestResources() {
    }
}
