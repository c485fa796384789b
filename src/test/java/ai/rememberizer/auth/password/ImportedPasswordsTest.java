package ai.rememberizer.auth.password;

import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.ImportedUsers.djangoFixture;
import static ai.rememberizer.auth.support.ImportedUsers.djangoFixtures;
import static ai.rememberizer.auth.support.ImportedUsers.storedHash;
import static ai.rememberizer.auth.support.ImportedUsers.withHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ai.rememberizer.auth.support.ImportedUsers.Fixture;
import ai.rememberizer.auth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Users imported with the hashes another application made (the Django fixtures, made by
 * Django's own hashers): their passwords work at sign-in exactly as typed, and the first
 * success replaces the imported hash by ours.
 */
@QuarkusTest
class ImportedPasswordsTest {

    private static final String OURS = "$argon2id$v=19$m=19456,t=2,p=1$";

    /** One account per format (its ASCII password), and every password of plain bcrypt {@code $2b$} and Django's PBKDF2. */
    static Stream<Fixture> fixtures() {
        return djangoFixtures().stream().filter(f -> !f.password().isEmpty())
                .filter(f -> f.note().endsWith("password: ASCII") || f.hash().startsWith("$2b$")
                        || (f.format().equals("DJANGO_PBKDF2_SHA256") && f.note().contains("10000 iterations")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theOldPasswordSignsInAndItsHashBecomesOurs(Fixture fixture) {
        String email = withHash(fixture.hash());

        // Prefixed, not suffixed: bcrypt reads only the first 72 bytes, as it did for the old application.
        signIn(email, "x" + fixture.password()).then().statusCode(401).body("code", equalTo("invalid_credentials"));
        assertThat(storedHash(email)).isEqualTo(fixture.hash());

        signIn(email, fixture.password()).then().statusCode(204);
        assertThat(storedHash(email)).startsWith(OURS);
        signIn(email, fixture.password()).then().statusCode(204);
    }

    @Test
    void anImportedHashIsCheckedAsTypedAndOursAfterwardsNormalises() {
        // Django never normalised: the full-width password is the only one its hash takes.
        Fixture fixture = djangoFixture("user007@example.com");
        String fullWidth = "\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11\uff12\uff13";
        assertThat(fixture.password()).isEqualTo(fullWidth);
        String email = withHash(fixture.hash());

        signIn(email, "password123").then().statusCode(401);
        assertThat(storedHash(email)).doesNotStartWith("$argon2id$");
        signIn(email, fullWidth).then().statusCode(204);
        // Ours hashes the NFKC form, so either spelling now works.
        signIn(email, "password123").then().statusCode(204);
        signIn(email, fullWidth).then().statusCode(204);
    }

    @Test
    void eachAcceptedHashIsOfTheSameKindInJavaAsInSql() {
        for (Fixture fixture : djangoFixtures()) {
            String inSql = QuarkusTransaction.requiringNew().call(() -> (String) User.getEntityManager()
                    .createNativeQuery("SELECT password_cost(?1)").setParameter(1, fixture.hash()).getSingleResult());
            assertThat(StoredHashes.kindOf(fixture.hash())).as(fixture.toString()).isEqualTo(inSql)
                    .doesNotContain(fixture.hash().substring(fixture.hash().length() - 8));
        }
    }

    @Test
    void aStoredValueOfNoKnownFormatMatchesNothing() {
        for (String junk : new String[] { "!unusable", "", "pbkdf2_sha256$0$salt$hash", "$2b$99$" + "a".repeat(53) }) {
            String email = withHash(junk);
            signIn(email, "anything at all").then().statusCode(401).body("code", equalTo("invalid_credentials"));
            assertThat(storedHash(email)).isEqualTo(junk);
        }
    }
}
