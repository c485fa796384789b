package ai.rememberizer.auth.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.session.Caller;
import ai.rememberizer.auth.user.DotAtomAddress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One structured event per auth action (sign-up, sign-in, verification, refresh, reuse
 * detection, logout, an import of users), logged on the {@code audit} logger and counted in
 * {@code auth_events_total{event, outcome, reason}}. Callers pass ids, the login as typed
 * (logged only when it is a well-formed address) and reason codes (and a job's counts) only:
 * never a password, hash, token or code.
 *
 * <p>Each field ({@code event}, {@code outcome}, {@code reason}, {@code user_id}, {@code login},
 * {@code session_id}, {@code client}) is a field of the log record (its MDC, set for the one call),
 * so production's JSON log lines carry them as JSON fields ({@code "mdc":{"event":"signin",...}})
 * that a collector indexes; the message is the same fields as one JSON object, which is what a
 * human reads in the dev and test console.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger("audit");
    private static final int MAX_LOGIN_LENGTH = 254;
    /** What the {@code login} field says when what was typed is not an address. */
    public static final String NOT_AN_ADDRESS = "(not an address)";

    private final MeterRegistry registry;
    private final ObjectMapper mapper;

    AuditLog(MeterRegistry registry, ObjectMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    /** An event: what happened, to whom, from where. */
    public static Event event(String name) {
        return new Event(name);
    }

    /**
     * Runs an action as one event: a success when it returns, a failure with the refusal's
     * code when it throws an {@link AuthException} (rethrown). The action may add fields to
     * the event as it learns them.
     */
    public <T> T around(Event event, Supplier<T> action) {
        try {
            T result = action.get();
            success(event);
            return result;
        } catch (AuthException e) {
            failure(event, e.code().code());
            throw e;
        }
    }

    public void around(Event event, Runnable action) {
        around(event, () -> {
            action.run();
            return null;
        });
    }

    public void success(Event event) {
        write(event, "success", null);
    }

    public void failure(Event event, String reason) {
        write(event, "failure", reason);
    }

    private void write(Event event, String outcome, String reason) {
        Counter.builder("auth.events")
                .description("Auth events by kind and outcome")
                .tag("event", event.name)
                .tag("outcome", outcome)
                .tag("reason", reason == null ? "none" : reason)
                .register(registry)
                .increment();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event.name);
        line.put("outcome", outcome);
        if (reason != null) {
            line.put("reason", reason);
        }
        line.putAll(event.fields);
        line.forEach((key, value) -> MDC.put(key, value));
        try {
            LOG.info(mapper.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.infof("event=%s outcome=%s", event.name, outcome);
        } finally {
            line.keySet().forEach(MDC::remove);
        }
    }

    /** The fields of one event; all optional. */
    public static final class Event {
        private final String name;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Event(String name) {
            this.name = name;
        }

        public Event user(UUID id) {
            return put("user_id", id);
        }

        /**
         * The login as the client typed it when it is a well-formed address, and
         * {@value #NOT_AN_ADDRESS} otherwise: people type their password into the login field,
         * and a password must never reach the log.
         */
        public Event login(String login) {
            if (login == null) {
                return this;
            }
            boolean address = login.length() <= MAX_LOGIN_LENGTH && DotAtomAddress.Validator.isValidAddress(login);
            return put("login", address ? login : NOT_AN_ADDRESS);
        }

        /** The caller's account, session and client address. */
        public Event by(Caller caller) {
            return user(caller.userId()).session(caller.sessionId()).client(caller.client().describe());
        }

        /** A detail of the event that is no secret (a factor's kind, the step that comes next). */
        public Event note(String key, String value) {
            return put(key, value);
        }

        public Event session(UUID id) {
            return put("session_id", id);
        }

        public Event client(String address) {
            return put("client", address);
        }

        /** A count the event reports (a job's totals: lines read, users imported, ...). */
        public Event count(String key, long value) {
            return put(key, value);
        }

        public String client() {
            return (String) fields.get("client");
        }

        private Event put(String key, Object value) {
            if (value != null) {
                fields.put(key, value instanceof UUID ? value.toString() : value);
            }
            return this;
        }
    }
}
