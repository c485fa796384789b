package ai.rememberizer.auth.mail;

import ai.rememberizer.auth.limits.ClientAddress;

/**
 * Handles a queued password-reset request: whoever asks gets the same quick 202, and the
 * lookup of the address, the limits and the code happen here, in the background, so neither
 * the answer nor its timing says whether the address has an account. Implemented by the reset
 * flow; called by the outbox sender in its transaction.
 */
public interface PasswordResetRequests {

    /** Handles a request for an address, made by {@code requester} (whose share of the mailbox's limits it spends). */
    void process(String address, ClientAddress requester);
}
