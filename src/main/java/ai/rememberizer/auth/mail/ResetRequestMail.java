package ai.rememberizer.auth.mail;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The sealed payload of a queued reset request: the client address that asked, since the
 * mailbox's code-mail limits give each requesting client a share of their own.
 */
@RegisterForReflection
record ResetRequestMail(String client) {
    @Override
    public String toString() {
        return "ResetRequestMail[***]";
    }
}
