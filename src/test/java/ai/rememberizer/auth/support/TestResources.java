package ai.rememberizer.auth.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Test resources shared by every {@code @QuarkusTest}: the captcha provider stub, the SMTP
 * server, and the web page on another origin for the browser test.
 */
@WithTestResource(value = CaptchaStub.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MailServer.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = BrowserPage.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {
    private TestResources() {
    }
}
