package ai.rememberizer.auth.mail;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The sealed payload of a code mail. */
@RegisterForReflection
record CodeMail(String code) {
    @Override
    public String toString() {
        return "CodeMail[***]";
    }
}
