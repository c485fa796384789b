package ai.rememberizer.auth.mail;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The sealed payload of the notice that a recovery code was used: how many are left, never a code. */
@RegisterForReflection
record RecoveryCodeMail(int remaining) {
}
