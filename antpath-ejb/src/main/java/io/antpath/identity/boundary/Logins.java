package io.antpath.identity.boundary;

import io.antpath.access.entity.ConflictException;
import io.antpath.access.entity.InvalidRequestException;
import io.antpath.audit.control.AuditTrail;
import io.antpath.audit.entity.AuditEntry;
import io.antpath.audit.entity.AuditOutcome;
import io.antpath.identity.control.Users;
import io.antpath.identity.entity.AppUser;
import io.antpath.identity.entity.UserCredential;
import io.antpath.identity.entity.UserStatus;
import io.antpath.platform.Timestamps;
import io.antpath.ratelimit.control.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Local accounts: password sign-in (rate-limited per account and per client address, audited either
 * way) and sign-up. Passwords are only ever compared against PBKDF2 hashes and never logged.
 */
@Stateless
public class Logins {
  public static final int MIN_PASSWORD_LENGTH = 12;
  private static final int ADDRESS_FACTOR = 5;
  // Verifying against a fixed dummy hash when the account does not exist keeps the response time
  // the
  // same, so timing does not tell which e-mail addresses have accounts.
  private static final String DUMMY_PASSWORD = "not-a-real-password-" + UUID.randomUUID();

  @PersistenceContext EntityManager em;
  @Inject Pbkdf2PasswordHash hashes;
  @Inject AuditTrail audit;
  @Inject RateLimiter limiter;

  @Inject
  @ConfigProperty(name = "antpath.ratelimit.login-attempts-per-minute")
  Provider<Integer> attemptsPerMinute;

  private volatile String dummyHash;

  /** The user id for a correct e-mail and password of an active account. */
  public Optional<UUID> authenticate(String email, String password, String clientAddress) {
    Instant now = Timestamps.now();
    String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    // Per address the allowance is larger: many people may share one address (NAT, an office
    // proxy).
    limiter.hit(
        "login:address:" + clientAddress,
        ADDRESS_FACTOR * attemptsPerMinute.get(),
        Duration.ofMinutes(1),
        "sign-in attempts",
        now);
    limiter.hit(
        "login:email:" + normalized,
        attemptsPerMinute.get(),
        Duration.ofMinutes(1),
        "sign-in attempts",
        now);
    hashes.initialize(io.antpath.identity.control.PasswordHashing.PARAMETERS);
    Optional<AppUser> user =
        Users.byEmail(em, normalized).filter(u -> u.getStatus() == UserStatus.ACTIVE);
    UserCredential credential =
        user.map(u -> em.find(UserCredential.class, u.getId())).orElse(null);
    boolean valid =
        password != null
            && !password.isEmpty()
            && hashes.verify(
                password.toCharArray(),
                credential != null ? credential.getPasswordHash() : dummyHash());
    UUID userId = user.map(AppUser::getId).orElse(null);
    AuditEntry.Actor actor = new AuditEntry.Actor(userId, null, clientAddress, null);
    if (!valid || credential == null) {
      audit.recordSeparately(
          null,
          actor,
          "login",
          "user",
          userId == null ? null : userId.toString(),
          AuditOutcome.FAILURE,
          now);
      return Optional.empty();
    }
    audit.recordSeparately(
        null, actor, "login", "user", userId.toString(), AuditOutcome.SUCCESS, now);
    return Optional.of(userId);
  }

  /**
   * Signs in a user an OpenID Connect provider vouched for (the caller verified the ID token). The
   * first sign-in creates the account. An e-mail address already used by another account is not
   * linked silently: that would let whoever controls the address at the provider take the account
   * over.
   */
  public UUID oidcSignIn(
      String issuer, String subject, String email, String displayName, String clientAddress) {
    Instant now = Timestamps.now();
    Optional<AppUser> known =
        em.createNamedQuery("AppUser.findByOidc", AppUser.class)
            .setParameter("issuer", issuer)
            .setParameter("subject", subject)
            .getResultStream()
            .findFirst();
    AppUser user =
        known.orElseGet(
            () -> {
              String address =
                  email == null || email.isBlank()
                      ? subject + "@" + java.net.URI.create(issuer).getHost()
                      : email;
              if (Users.byEmail(em, address).isPresent()) {
                audit.recordSeparately(
                    null,
                    new AuditEntry.Actor(null, null, clientAddress, null),
                    "login.oidc",
                    "user",
                    null,
                    AuditOutcome.DENIED,
                    now);
                throw new ConflictException(
                    "email_taken",
                    "an account with this e-mail address exists; sign in with its password");
              }
              AppUser created = AppUser.fromOidc(issuer, subject, address, displayName, now);
              em.persist(created);
              audit.record(
                  null,
                  new AuditEntry.Actor(created.getId(), null, clientAddress, null),
                  "user.signup",
                  "user",
                  created.getId().toString(),
                  AuditOutcome.SUCCESS,
                  now);
              return created;
            });
    if (user.getStatus() != UserStatus.ACTIVE) {
      throw new io.antpath.access.entity.NotAuthenticatedException(
          "account_disabled", "this account is disabled");
    }
    audit.record(
        null,
        new AuditEntry.Actor(user.getId(), null, clientAddress, null),
        "login.oidc",
        "user",
        user.getId().toString(),
        AuditOutcome.SUCCESS,
        now);
    return user.getId();
  }

  /** Creates a local account. */
  public UUID signUp(String email, String displayName, String password, String clientAddress) {
    Instant now = Timestamps.now();
    limiter.hit(
        "signup:address:" + clientAddress,
        attemptsPerMinute.get(),
        Duration.ofMinutes(1),
        "sign-ups",
        now);
    if (email == null || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$") || email.length() > 320) {
      throw new InvalidRequestException("email: a valid e-mail address is required");
    }
    if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 1024) {
      throw new InvalidRequestException(
          "password: at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (Users.byEmail(em, email).isPresent()) {
      throw new ConflictException(
          "email_taken", "an account with this e-mail address exists; sign in instead");
    }
    hashes.initialize(io.antpath.identity.control.PasswordHashing.PARAMETERS);
    AppUser user =
        new AppUser(
            email, displayName == null || displayName.isBlank() ? null : displayName.trim(), now);
    em.persist(user);
    em.persist(new UserCredential(user.getId(), hashes.generate(password.toCharArray()), now));
    audit.record(
        null,
        new AuditEntry.Actor(user.getId(), null, clientAddress, null),
        "user.signup",
        "user",
        user.getId().toString(),
        AuditOutcome.SUCCESS,
        now);
    return user.getId();
  }

  private String dummyHash() {
    if (dummyHash == null) {
      dummyHash = hashes.generate(DUMMY_PASSWORD.toCharArray());
    }
    return dummyHash;
  }
}
