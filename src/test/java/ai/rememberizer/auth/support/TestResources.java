package ai.rememberizer.auth.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Test resources shared by every {@code @QuarkusTest}: the captcha provider stub. */
@QuarkusTestResource(CaptchaStub.class)
public final class TestResources {
    private TestResources() {
    }
}
