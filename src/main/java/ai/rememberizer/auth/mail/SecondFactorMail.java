package ai.rememberizer.auth.mail;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The sealed payload of a notice that a second factor was added or removed: which kind, never its name. */
@RegisterForReflection
record SecondFactorMail(SecondFactor factor) {
}
