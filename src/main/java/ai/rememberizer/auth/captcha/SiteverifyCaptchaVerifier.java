package ai.rememberizer.auth.captcha;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.config.AuthConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The siteverify protocol shared by reCAPTCHA, hCaptcha and Cloudflare Turnstile: a form
 * POST of {@code secret}, {@code response} and {@code remoteip}, answered by JSON with
 * {@code success} (and {@code score}, {@code action} for reCAPTCHA v3). Anything but a
 * clear answer (timeout, HTTP error, our own secret refused) is {@code captcha_unavailable},
 * never a pass.
 */
public class SiteverifyCaptchaVerifier implements CaptchaVerifier {

    private static final Logger LOG = Logger.getLogger(SiteverifyCaptchaVerifier.class);
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final List<String> CONFIGURATION_FAULTS = List.of("missing-input-secret", "invalid-input-secret");

    private final URI url;
    private final String secret;
    private final AuthConfig.Captcha config;
    private final HttpClient client;
    private final ObjectMapper mapper;

    public SiteverifyCaptchaVerifier(URI url, String secret, AuthConfig.Captcha config, ObjectMapper mapper) {
        this.url = url;
        this.secret = secret;
        this.config = config;
        this.mapper = mapper;
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    @Override
    public void verify(String token, String clientAddress) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            throw CaptchaProblems.invalid();
        }
        Answer answer = ask(token, clientAddress);
        if (answer.errorCodes().stream().anyMatch(CONFIGURATION_FAULTS::contains)) {
            LOG.errorf("The captcha provider at %s refuses our secret (%s): check AUTH_CAPTCHA_SECRET", url,
                    answer.errorCodes());
            throw CaptchaProblems.unavailable();
        }
        if (!answer.success()) {
            throw CaptchaProblems.invalid();
        }
        if (answer.score() != null && answer.score() < config.minScore()) {
            throw CaptchaProblems.invalid();
        }
        if (!matches(config.expectedHostname(), answer.hostname()) || !matches(config.expectedAction(), answer.action())) {
            throw CaptchaProblems.invalid();
        }
    }

    private static boolean matches(Optional<String> expected, String actual) {
        return expected.map(value -> value.equals(actual)).orElse(true);
    }

    private Answer ask(String token, String clientAddress) {
        Map<String, String> form = clientAddress == null
                ? Map.of("secret", secret, "response", token)
                : Map.of("secret", secret, "response", token, "remoteip", clientAddress);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.warnf("The captcha provider at %s answered HTTP %d", url, response.statusCode());
                throw CaptchaProblems.unavailable();
            }
            Answer answer = mapper.readValue(response.body(), Answer.class);
            if (answer == null) {
                // A JSON null: no answer at all, as unclear as none.
                LOG.warnf("The captcha provider at %s answered with no verdict", url);
                throw CaptchaProblems.unavailable();
            }
            return answer;
        } catch (IOException e) {
            LOG.warnf("The captcha provider at %s could not be reached: %s", url, e.getClass().getSimpleName());
            throw CaptchaProblems.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CaptchaProblems.unavailable();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    record Answer(
            boolean success,
            Double score,
            String action,
            String hostname,
            @JsonProperty("error-codes") List<String> errorCodes) {

        @Override
        public List<String> errorCodes() {
            return errorCodes == null ? List.of() : errorCodes;
        }
    }
}
