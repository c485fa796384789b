package ai.rememberizer.auth.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.captcha.CaptchaVerifier;
import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.PasswordHasher;
import ai.rememberizer.auth.limits.RateLimiter;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.InvalidCredentialsException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.session.IssuedTokens;
import ai.rememberizer.auth.session.SessionService;
import ai.rememberizer.auth.verification.VerificationService;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Sign-up and sign-in. Password hashing (tens of milliseconds) runs outside any
 * transaction, so no database connection is held while it runs.
 */
@ApplicationScoped
public class AccountService {

    /** Longer logins cannot be an address we accepted at sign-up. */
    static final int MAX_LOGIN_LENGTH = 254;
    /** Sign-up takes at most 128 code points (512 UTF-16 units); anything far longer is refused unhashed. */
    static final int MAX_SIGNIN_PASSWORD_LENGTH = 1024;

    private final CaptchaVerifier captcha;
    private final Validator validator;
    private final PasswordPolicy passwordPolicy;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final VerificationService verification;
    private final RateLimiter limiter;
    private final AuthConfig.Limits limits;
    private final AuditLog audit;

    AccountService(CaptchaVerifier captcha, Validator validator, PasswordPolicy passwordPolicy, PasswordHasher hasher,
            SessionService sessions, VerificationService verification, RateLimiter limiter, AuthConfig config, AuditLog audit) {
        this.captcha = captcha;
        this.validator = validator;
        this.passwordPolicy = passwordPolicy;
        this.hasher = hasher;
        this.sessions = sessions;
        this.verification = verification;
        this.limiter = limiter;
        this.limits = config.limits();
        this.audit = audit;
    }

    /** The new account, signed in. */
    public record SignedUp(User user, IssuedTokens tokens) {
    }

    /**
     * Captcha first, then the field rules, then the per-address limit (which counts taken
     * addresses too: it bounds enumeration by sign-up), then the account, its first session
     * and its code mail in one transaction.
     */
    public SignedUp signUp(SignUp request, String captchaToken, String clientAddress) {
        AuditLog.Event event = AuditLog.event("signup").login(request.email()).client(clientAddress);
        try {
            captcha.verify(captchaToken, clientAddress);
            validate(request);
            if (clientAddress != null) {
                QuarkusTransaction.requiringNew().run(() -> limiter.hit("signup-address:" + clientAddress,
                        limits.signupsPerAddress(), limits.signupWindow()));
            }
            if (User.findByEmail(request.email()).isPresent()) {
                throw emailTaken();
            }
            String passwordHash = hasher.hash(request.password());
            SignedUp created = QuarkusTransaction.requiringNew().call(() -> create(request, passwordHash));
            audit.success(event.user(created.user().id).session(created.tokens().sessionId()));
            return created;
        } catch (AuthException e) {
            audit.failure(event, e.code().code());
            throw e;
        }
    }

    private SignedUp create(SignUp request, String passwordHash) {
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = request.email();
        user.emailKey = User.keyOf(request.email());
        user.name = request.name();
        user.passwordHash = passwordHash;
        user.emailVerified = false;
        user.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            user.persistAndFlush();
        } catch (PersistenceException e) {
            // A concurrent sign-up took the address between our check and our insert.
            throw emailTaken();
        }
        verification.issueCode(user);
        return new SignedUp(user, sessions.startSession(user));
    }

    /**
     * Checks the password and starts a session. An unknown login costs one dummy hash, as
     * long as a wrong password, and gets the same answer. Failures count against the login
     * and the client address; a full window is refused before any hashing.
     */
    public IssuedTokens signIn(String login, String password, String captchaToken, String clientAddress) {
        AuditLog.Event event = AuditLog.event("signin").login(login).client(clientAddress);
        try {
            captcha.verify(captchaToken, clientAddress);
            Map<String, String> errors = new TreeMap<>();
            if (login == null || login.isBlank()) {
                errors.put("login", "is required");
            } else if (login.length() > MAX_LOGIN_LENGTH || !Text.isClean(login)) {
                errors.put("login", "is not a valid e-mail address");
            }
            if (password == null || password.isEmpty()) {
                errors.put("password", "is required");
            } else if (password.length() > MAX_SIGNIN_PASSWORD_LENGTH || !Text.isWellFormed(password)) {
                errors.put("password", "is not valid");
            }
            if (!errors.isEmpty()) {
                throw AuthException.validation(errors);
            }
            String accountBucket = "signin-account:" + User.keyOf(login);
            String addressBucket = clientAddress == null ? null : "signin-address:" + clientAddress;
            limiter.check(accountBucket, limits.signinFailuresPerAccount(), limits.signinWindow());
            if (addressBucket != null) {
                limiter.check(addressBucket, limits.signinFailuresPerAddress(), limits.signinWindow());
            }
            User user = checkPassword(login, password).orElse(null);
            if (user == null) {
                limiter.record(accountBucket, limits.signinWindow());
                if (addressBucket != null) {
                    limiter.record(addressBucket, limits.signinWindow());
                }
                throw new InvalidCredentialsException();
            }
            String upgraded = hasher.needsRehash(user.passwordHash) ? hasher.hash(password) : null;
            UUID userId = user.id;
            IssuedTokens tokens = QuarkusTransaction.requiringNew().call(() -> {
                User current = User.<User> findByIdOptional(userId).orElseThrow(InvalidCredentialsException::new);
                if (upgraded != null) {
                    current.passwordHash = upgraded;
                }
                limiter.reset(accountBucket);
                return sessions.startSession(current);
            });
            audit.success(event.user(userId).session(tokens.sessionId()));
            return tokens;
        } catch (AuthException e) {
            audit.failure(event, e.code().code());
            throw e;
        }
    }

    private Optional<User> checkPassword(String login, String password) {
        Optional<User> user = User.findByEmail(login);
        if (user.isEmpty()) {
            hasher.verifyDummy(password);
            return Optional.empty();
        }
        return hasher.verify(password, user.get().passwordHash) ? user : Optional.empty();
    }

    public Optional<User> findAccount(UUID id) {
        return User.findByIdOptional(id);
    }

    private void validate(SignUp request) {
        Map<String, String> errors = new TreeMap<>();
        for (ConstraintViolation<SignUp> violation : validator.validate(request)) {
            errors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage());
        }
        if (request.email() != null && !Text.isClean(request.email())) {
            errors.putIfAbsent("email", "is not a valid e-mail address");
        }
        if (request.name() != null && !Text.isClean(request.name())) {
            errors.putIfAbsent("name", "must be text without control characters");
        }
        if (request.name() != null && request.name().codePointCount(0, request.name().length()) > SignUp.MAX_NAME_LENGTH) {
            errors.putIfAbsent("name", "must be at most " + SignUp.MAX_NAME_LENGTH + " characters");
        }
        if (request.password() != null && !Text.isWellFormed(request.password())) {
            errors.putIfAbsent("password", "must be valid text");
        }
        if (request.password() != null) {
            passwordPolicy.check(request.password(), request.email()).ifPresent(why -> errors.putIfAbsent("password", why));
        }
        if (!errors.isEmpty()) {
            throw AuthException.validation(errors);
        }
    }

    private static AuthException emailTaken() {
        return new AuthException(ProblemCode.EMAIL_TAKEN, "An account already uses this e-mail address.");
    }
}
