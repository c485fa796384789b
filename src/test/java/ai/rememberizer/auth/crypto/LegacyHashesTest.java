package ai.rememberizer.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import ai.rememberizer.auth.crypto.LegacyHashes.Format;

/**
 * Known answers computed elsewhere (RFCs, Django's and argon2-cffi's test suites, the
 * OpenBSD/Openwall bcrypt vectors), the strictness of {@link LegacyHashes#recognise}, and the
 * corners where Python and Java differ (NUL, unpaired surrogates, 72 bytes).
 */
class LegacyHashesTest {

    private static final SubmissionCountingPool POOL = new SubmissionCountingPool();
    private static final LegacyHashes LEGACY = new LegacyHashes(new HashingPool(POOL));

    // PBKDF2 (RFC 6070 for SHA-1; the widely published SHA-256 vectors), in Django's format.
    static final String PBKDF2_SHA1_RFC6070 = "pbkdf2_sha1$4096$salt$SwB5AbdlSJq+rUnZJvch0GWkKcE=";
    static final String PBKDF2_SHA1_C2 = "pbkdf2_sha1$2$salt$6mwBTcctb4zNHtkqzh1B8NjeiVc=";
    static final String PBKDF2_SHA256_C4096 = "pbkdf2_sha256$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=";
    static final String PBKDF2_SHA256_C1 = "pbkdf2_sha256$1$salt$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=";
    /** Django 3.2's test suite: make_password('lètmein', 'seasalt', 'pbkdf2_sha256'). */
    static final String DJANGO_PBKDF2 = "pbkdf2_sha256$260000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=";

    // Argon2: Django's test suite (password "secret"), argon2-cffi's ("password"), the reference CLI's.
    static final String DJANGO_ARGON2I_NO_VERSION = "argon2$argon2i$m=8,t=1,p=1$c29tZXNhbHQ$gwQOXSNhxiOxPOA0+PY10P9QFO"
            + "4NAYysnqRt1GSQLE55m+2GYDt9FEjPMHhP2Cuf0nOEXXMocVrsJAtNSsKyfg";
    static final String DJANGO_ARGON2I_V19 = "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q";
    /** argon2-cffi's version-1.0 vector (two passes, so the 1.0 overwrite rule counts), as Django stores it. */
    static final String CFFI_ARGON2I_V10 = "argon2$argon2i$m=65536,t=2,p=4$c29tZXNhbHQAAAAAAAAAAA"
            + "$QWLzI4TY9HkL2ZTLc8g6SinwdhZewYrzz9zxCo0bkGY";
    /** The reference implementation: argon2 "password" -id -t 2 -m 16 -p 1, salt "somesalt". */
    static final String REFERENCE_ARGON2ID = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    // bcrypt: Openwall's crypt_blowfish vectors, and Django's hashers with a fixed salt (python bcrypt 3.2).
    static final String OPENWALL_U = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"; // "U*U"
    static final String OPENWALL_EMPTY = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy"; // ""
    static final String OPENWALL_LONG = "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui";
    static final String OPENWALL_LONG_PASSWORD =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored";
    static final String DJANGO_BCRYPT_SHA256 = "bcrypt_sha256$$2b$05$abcdefghijklmnopqrstuuaQz6CVhbgRiZmnmiNLc9bv5cauhFkti";
    static final String DJANGO_BCRYPT = "bcrypt$$2b$05$abcdefghijklmnopqrstuu2c1e4vZoCxDVRU9N6VCSSmNg4cQa1Ve";
    /** python bcrypt: hashpw("é" * 40, ...): 80 bytes, cut at 72 = 36 times "é". */
    static final String PYTHON_BCRYPT_LONG_E = "$2b$05$abcdefghijklmnopqrstuu9CyuiEyTnupb4rnoYIlshaDzoYa6ZaS";

    @AfterAll
    static void stopPool() throws InterruptedException {
        POOL.shutdown();
        POOL.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void pbkdf2KnownAnswers() {
        assertThat(LegacyHashes.recognise(PBKDF2_SHA1_RFC6070)).contains(Format.DJANGO_PBKDF2_SHA1);
        assertThat(LegacyHashes.recognise(PBKDF2_SHA256_C4096)).contains(Format.DJANGO_PBKDF2_SHA256);
        assertThat(LEGACY.verify("password", PBKDF2_SHA1_RFC6070)).isTrue();
        assertThat(LEGACY.verify("password", PBKDF2_SHA1_C2)).isTrue();
        assertThat(LEGACY.verify("password", PBKDF2_SHA256_C4096)).isTrue();
        assertThat(LEGACY.verify("password", PBKDF2_SHA256_C1)).isTrue();
        assertThat(LEGACY.verify("Password", PBKDF2_SHA256_C4096)).isFalse();
        assertThat(LEGACY.verify("lètmein", DJANGO_PBKDF2)).isTrue();
        assertThat(LEGACY.verify("letmein", DJANGO_PBKDF2)).isFalse();
        assertThat(LEGACY.verify("le\u0300tmein", DJANGO_PBKDF2)).as("decomposed è").isFalse();
    }

    @Test
    void argon2KnownAnswers() {
        assertThat(LegacyHashes.recognise(DJANGO_ARGON2I_NO_VERSION)).contains(Format.DJANGO_ARGON2I);
        assertThat(LegacyHashes.recognise(REFERENCE_ARGON2ID)).contains(Format.ARGON2ID);
        assertThat(LegacyHashes.recognise("argon2" + REFERENCE_ARGON2ID)).contains(Format.DJANGO_ARGON2ID);
        assertThat(LEGACY.verify("secret", DJANGO_ARGON2I_NO_VERSION)).isTrue();
        assertThat(LEGACY.verify("wrong", DJANGO_ARGON2I_NO_VERSION)).isFalse();
        assertThat(LEGACY.verify("secret", DJANGO_ARGON2I_V19)).isTrue();
        assertThat(LEGACY.verify("wrong", DJANGO_ARGON2I_V19)).isFalse();
        assertThat(LEGACY.verify("password", CFFI_ARGON2I_V10)).isTrue();
        assertThat(LEGACY.verify("password", CFFI_ARGON2I_V10.replace("argon2i$m=", "argon2i$v=19$m="))).as("read as 1.3")
                .isFalse();
        assertThat(LEGACY.verify("password", REFERENCE_ARGON2ID)).isTrue();
        assertThat(LEGACY.verify("password", "argon2" + REFERENCE_ARGON2ID)).isTrue();
        assertThat(LEGACY.verify("passwore", "argon2" + REFERENCE_ARGON2ID)).isFalse();
    }

    @Test
    void bcryptKnownAnswers() {
        assertThat(LegacyHashes.recognise(OPENWALL_U)).contains(Format.BCRYPT);
        assertThat(LegacyHashes.recognise(DJANGO_BCRYPT)).contains(Format.DJANGO_BCRYPT);
        assertThat(LegacyHashes.recognise(DJANGO_BCRYPT_SHA256)).contains(Format.DJANGO_BCRYPT_SHA256);
        assertThat(LEGACY.verify("U*U", OPENWALL_U)).isTrue();
        assertThat(LEGACY.verify("U*U*", OPENWALL_U)).isFalse();
        assertThat(LEGACY.verify("", OPENWALL_EMPTY)).isTrue();
        assertThat(LEGACY.verify("lètmein", DJANGO_BCRYPT)).isTrue();
        assertThat(LEGACY.verify("lètmein", DJANGO_BCRYPT_SHA256)).isTrue();
        assertThat(LEGACY.verify("lètmein", "bcrypt_sha256" + DJANGO_BCRYPT.substring("bcrypt".length())))
                .as("the raw bcrypt under the SHA-256 name").isFalse();
        // python bcrypt computes $2y$ as $2b$, and $2a$ the same way once it has cut at 72 bytes.
        assertThat(LEGACY.verify("lètmein", DJANGO_BCRYPT.replace("$2b$", "$2y$"))).as("$2y$").isTrue();
        assertThat(LEGACY.verify("lètmein", DJANGO_BCRYPT.replace("$2b$", "$2a$"))).as("$2a$").isTrue();
    }

    @Test
    void bcryptReadsTheFirst72BytesLikePythonsBcrypt() {
        assertThat(OPENWALL_LONG_PASSWORD.length()).isGreaterThan(72);
        assertThat(LEGACY.verify(OPENWALL_LONG_PASSWORD, OPENWALL_LONG)).isTrue();
        assertThat(LEGACY.verify(OPENWALL_LONG_PASSWORD.substring(0, 72), OPENWALL_LONG)).isTrue();
        assertThat(LEGACY.verify(OPENWALL_LONG_PASSWORD.substring(0, 72) + "anything", OPENWALL_LONG)).isTrue();
        assertThat(LEGACY.verify(OPENWALL_LONG_PASSWORD.substring(0, 71), OPENWALL_LONG)).isFalse();
        // 40 "é" are 80 bytes; the first 72 are 36 "é", so 36 or more verify, 35 do not.
        assertThat(LEGACY.verify("é".repeat(40), PYTHON_BCRYPT_LONG_E)).isTrue();
        assertThat(LEGACY.verify("é".repeat(36), PYTHON_BCRYPT_LONG_E)).isTrue();
        assertThat(LEGACY.verify("é".repeat(36) + "x", PYTHON_BCRYPT_LONG_E)).isTrue();
        assertThat(LEGACY.verify("é".repeat(35), PYTHON_BCRYPT_LONG_E)).isFalse();
        // A password longer than 72 bytes with the SHA-256 pre-hash: every byte counts.
        String djangoLong = "bcrypt_sha256$" + OpenBSDBCrypt.generate("2b",
                sha256Hex(OPENWALL_LONG_PASSWORD).getBytes(StandardCharsets.US_ASCII), new byte[16], 4);
        assertThat(LEGACY.verify(OPENWALL_LONG_PASSWORD, djangoLong)).isTrue();
        assertThat(LEGACY.verify(OPENWALL_LONG_PASSWORD.substring(0, 72), djangoLong)).isFalse();
    }

    @Test
    void aNulNeverMatchesARawBcryptAsPythonRefusesIt() {
        byte[] withNul = "nul\u0000inside".getBytes(StandardCharsets.UTF_8);
        String stored = OpenBSDBCrypt.generate("2b", withNul, new byte[16], 4);
        assertThat(OpenBSDBCrypt.checkPassword(stored, withNul)).as("Bouncy Castle alone").isTrue();
        assertThat(LEGACY.verify("nul\u0000inside", stored)).isFalse();
        assertThat(LEGACY.verify("nul\u0000inside", "bcrypt$" + stored)).isFalse();
        assertThat(LEGACY.verify("nul", stored)).isFalse();
        // The SHA-256 pre-hash has no NUL: Django accepts such passwords there.
        String prehashed = "bcrypt_sha256$" + OpenBSDBCrypt.generate("2b",
                sha256Hex("nul\u0000inside").getBytes(StandardCharsets.US_ASCII), new byte[16], 4);
        assertThat(LEGACY.verify("nul\u0000inside", prehashed)).isTrue();
    }

    @Test
    void anUnpairedSurrogateNeverMatchesThoughJavaWouldEncodeItAsAQuestionMark() throws Exception {
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("?x".toCharArray(), "salt".getBytes(StandardCharsets.US_ASCII), 1000, 256))
                .getEncoded();
        String stored = "pbkdf2_sha256$1000$salt$" + Base64.getEncoder().encodeToString(hash);
        assertThat(LEGACY.verify("?x", stored)).isTrue();
        assertThat(LEGACY.verify("\ud800x", stored)).isFalse();
        assertThat(LEGACY.verify("\udc00x", stored)).isFalse();
        // A well-formed pair is fine.
        assertThat(LEGACY.verify("😀", "argon2" + argon2idOf("😀"))).isTrue();
    }

    @Test
    void verifiesOnTheHashingPool() {
        long before = POOL.submitted.get();
        LEGACY.verify("U*U", OPENWALL_U);
        LEGACY.verify("password", PBKDF2_SHA256_C1);
        assertThat(POOL.submitted.get() - before).isEqualTo(2);
    }

    @Test
    void aRefusedValueDoesNotVerifyNorHash() {
        long before = POOL.submitted.get();
        assertThat(LEGACY.verify("password", "pbkdf2_sha256$0$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=")).isFalse();
        assertThat(LEGACY.verify("password", null)).isFalse();
        assertThat(LEGACY.verify("password", "")).isFalse();
        assertThat(POOL.submitted.get()).isEqualTo(before);
    }

    @Test
    void ourOwnHasherReadsWhatItWroteAndLegacyHashesAgrees() {
        Argon2idPasswordHasher ours = new Argon2idPasswordHasher(1024, 1, 1, new HashingPool(POOL));
        String stored = ours.hash("pässword");
        assertThat(LegacyHashes.recognise(stored)).contains(Format.ARGON2ID);
        assertThat(LEGACY.verify("pässword", stored)).isTrue();
        assertThat(LEGACY.verify("password", stored)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // empty, blank, plain text, whitespace around a good value
        "", " ", "password", " " + PBKDF2_SHA256_C4096, PBKDF2_SHA256_C4096 + "\n",
        // unknown prefixes: Django's other hashers, its unusable marker, other crypt schemes
        "sha1$salt$0123456789abcdef0123456789abcdef01234567", "md5$salt$0123456789abcdef0123456789abcdef",
        "unsalted_md5$0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef",
        "crypt$$abN0H3BfBHBGE", "!VpRWmXHxdbBdTmzkXQUvXJfLLvBvqJkFZcWqbUq2", "scrypt$16384$salt$8$1$aGFzaA==",
        "pbkdf2_sha512$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "PBKDF2_SHA256$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "$1$saltsalt$qjXMvbEw8oaL.CzflDugX/", "$5$rounds=5000$saltsalt$Gcm6FsVtF/Qa77ZKD.iwsJlCVPY0XSMgLJL0Hnww/c1",
        "$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$2$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "argon2$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "argon2$$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        // wrong number of fields
        "pbkdf2_sha256$4096$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=$",
        "pbkdf2_sha256$4096$salt$pepper$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$4096$$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$",
        "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q$",
        "argon2$argon2i$v=19$m=8,t=1,p=1$YC9+jJCrQhs5R6db7LlN8Q",
        "$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$",
        "bcrypt$$2b$05$",
        "bcrypt$2b$05$abcdefghijklmnopqrstuu2c1e4vZoCxDVRU9N6VCSSmNg4cQa1Ve",
        "bcrypt_sha256$$2b$05abcdefghijklmnopqrstuuaQz6CVhbgRiZmnmiNLc9bv5cauhFkti",
        // costs that are not canonical decimal numbers
        "pbkdf2_sha256$abc$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$4e3$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$+4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$ 4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$04096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$4_096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$٤٠٩٦$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$-1$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "argon2$argon2i$v=19$m=eight,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$m=08,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$t=1,m=8,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$m=8,t=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$m=8,t=1,p=1,keyid=abc$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=20$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=0x13$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "$2b$5$abcdefghijklmnopqrstuu2c1e4vZoCxDVRU9N6VCSSmNg4cQa1Ve",
        "$2b$ab$abcdefghijklmnopqrstuu2c1e4vZoCxDVRU9N6VCSSmNg4cQa1Ve",
        // costs out of range
        "pbkdf2_sha256$0$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$5000001$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$99999999999$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha1$2147483648$salt$SwB5AbdlSJq+rUnZJvch0GWkKcE=",
        "$2a$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$2a$16$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$2a$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$2a$99$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "argon2$argon2i$v=19$m=7,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$m=15,t=1,p=2$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$m=8,t=0,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$m=8,t=17,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$m=8,t=1,p=0$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$m=1024,t=1,p=65$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2id$v=19$m=131073,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2id$v=19$m=1048576,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2id$v=19$m=131072,t=7,p=8$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2id$v=19$m=51201,t=16,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2id$v=19$m=4294967296,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
        "$argon2id$v=19$m=9999999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        // bad Base64 or bcrypt alphabet
        "pbkdf2_sha256$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o",
        "pbkdf2_sha256$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0p=",
        "pbkdf2_sha256$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o==",
        "pbkdf2_sha256$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE!o=",
        "pbkdf2_sha256$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o= ",
        "pbkdf2_sha256$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6q_E0o=",
        "pbkdf2_sha256$4096$sa lt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$4096$sälz$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ=$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q==",
        "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9-jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHR$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8R",
        "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe+",
        "$2a$05$CCCCCCCCCCCCCCCCCCCCC/E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeX",
        // truncated or too short
        "pbkdf2_sha256$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qY",
        "pbkdf2_sha1$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2_sha256$4096$salt$SwB5AbdlSJq+rUnZJvch0GWkKcE=",
        "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8",
        "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN",
        "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbA$YC9+jJCrQhs5R6db7LlN8Q",
        "argon2$argon2i$v=19$m=8,t=1,p=1$$YC9+jJCrQhs5R6db7LlN8Q",
        "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe",
        "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeWW",
        "bcrypt$$2b$05$abcdefghijklmnopqrstuu2c1e4vZoCxDVRU9N6VCSSmNg4cQa1V",
    })
    void refusesAnythingButAnExactFormat(String garbage) {
        assertThat(LegacyHashes.recognise(garbage)).as(garbage).isEmpty();
        assertThat(LEGACY.verify("password", garbage)).isFalse();
    }

    @Test
    void refusesNullAndOverlongValues() {
        assertThat(LegacyHashes.recognise(null)).isEmpty();
        String salt = "s".repeat(64);
        String ok = "pbkdf2_sha256$4096$" + salt + "$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=";
        assertThat(LegacyHashes.recognise(ok)).contains(Format.DJANGO_PBKDF2_SHA256);
        assertThat(LegacyHashes.recognise(ok.replace(salt, salt + "s"))).as("a 65-character salt").isEmpty();
        assertThat(LegacyHashes.recognise(ok + "x".repeat(300))).isEmpty();
    }

    @Test
    void acceptsTheCapsThemselves() {
        assertThat(LegacyHashes.recognise("pbkdf2_sha256$2000000$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o="))
                .contains(Format.DJANGO_PBKDF2_SHA256);
        assertThat(LegacyHashes.recognise("$2a$13$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")).contains(Format.BCRYPT);
        assertThat(LegacyHashes.recognise("$2a$04$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")).contains(Format.BCRYPT);
        assertThat(LegacyHashes.recognise("argon2$argon2id$v=19$m=131072,t=3,p=64$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q"))
                .contains(Format.DJANGO_ARGON2ID);
        assertThat(LegacyHashes.recognise("argon2$argon2id$v=19$m=25600,t=16,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q"))
                .contains(Format.DJANGO_ARGON2ID);
        assertThat(LegacyHashes.recognise("argon2$argon2i$v=16$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q"))
                .contains(Format.DJANGO_ARGON2I);
    }

    @Test
    void alwaysAcceptsDjangosDefaults() {
        assertThat(LegacyHashes.recognise("pbkdf2_sha256$1000000$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o="))
                .contains(Format.DJANGO_PBKDF2_SHA256);
        assertThat(LegacyHashes.recognise("pbkdf2_sha256$1200000$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o="))
                .as("Django 6.0's").contains(Format.DJANGO_PBKDF2_SHA256);
        assertThat(LegacyHashes.recognise("argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q"))
                .contains(Format.DJANGO_ARGON2ID);
        assertThat(LegacyHashes.recognise("bcrypt_sha256$$2b$12$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"))
                .contains(Format.DJANGO_BCRYPT_SHA256);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pbkdf2_sha256$2000001$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o= | has 2,000,001 PBKDF2 iterations, over the cap of 2,000,000",
        "$2a$14$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW | has bcrypt cost 14, over the cap of 13",
        "bcrypt$$2b$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW | has bcrypt cost 31, over the cap of 13",
        "argon2$argon2id$v=19$m=131073,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q | needs 131,073 KiB of Argon2 memory, over the cap of 131,072 KiB",
        "$argon2id$v=19$m=262144,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q | needs 262,144 KiB of Argon2 memory, over the cap of 131,072 KiB",
        "argon2$argon2id$v=19$m=131072,t=4,p=8$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q | has Argon2 memory times passes of 524,288 KiB, over the cap of 409,600 KiB",
        "argon2$argon2i$v=19$m=8,t=17,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q | has 17 Argon2 passes, over the cap of 16",
        "argon2$argon2i$v=19$m=1024,t=1,p=65$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q | has 65 Argon2 lanes, over the cap of 64",
    })
    void saysWhichCapAValueIsOver(String stored, String reason) {
        assertThat(LegacyHashes.recognise(stored)).isEmpty();
        assertThat(LegacyHashes.overCap(stored)).hasValueSatisfying(why -> assertThat(why).startsWith(reason));
    }

    @Test
    void namesNoCapForAValueRefusedForItsForm() {
        assertThat(LegacyHashes.overCap("pbkdf2_sha256$4096$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0p=")).isEmpty();
        assertThat(LegacyHashes.overCap("$2a$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")).isEmpty();
        assertThat(LegacyHashes.overCap("pbkdf2_sha256$2000000$salt$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=")).isEmpty();
    }

    /** Counts the tasks handed to it. */
    static final class SubmissionCountingPool extends ThreadPoolExecutor {
        final AtomicInteger submitted = new AtomicInteger();

        SubmissionCountingPool() {
            super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        }

        @Override
        public void execute(Runnable task) {
            submitted.incrementAndGet();
            super.execute(task);
        }
    }

    private static String sha256Hex(String password) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String argon2idOf(String password) {
        return new Argon2idPasswordHasher(1024, 1, 1, new HashingPool(POOL)).hash(password);
    }
}
