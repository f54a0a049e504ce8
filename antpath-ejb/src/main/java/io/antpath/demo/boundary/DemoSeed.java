package io.antpath.demo.boundary;

import io.antpath.access.entity.Role;
import io.antpath.access.entity.Scope;
import io.antpath.identity.control.PasswordHashing;
import io.antpath.identity.control.Users;
import io.antpath.identity.entity.AppUser;
import io.antpath.identity.entity.UserCredential;
import io.antpath.platform.config.Setting;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.token.control.TokenSecrets;
import io.antpath.token.entity.ApiToken;
import io.antpath.workspace.entity.MembershipId;
import io.antpath.workspace.entity.Workspace;
import io.antpath.workspace.entity.WorkspaceMembership;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Seeds the local stack's demo data, idempotently: workspaces {@code demo} and {@code demo-other},
 * each with an owner (password) and an all-scopes API token. The secrets come from bin/dev (which
 * keeps them in .antpath/ and writes them to .antpath/dev.env); only their hashes are stored. Runs
 * only in dev mode; production mode refuses the settings at start-up.
 */
@Singleton
@Startup
@DependsOn("PlatformStartup")
public class DemoSeed {
  static final String TOKEN_NAME = "demo (bin/dev)";
  private static final Logger LOG = Logger.getLogger(DemoSeed.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Config config;
  @Inject Pbkdf2PasswordHash passwordHash;

  @PostConstruct
  void seed() {
    if (!"dev".equals(config.getValue(Setting.MODE.key(), String.class))) {
      return;
    }
    passwordHash.initialize(PasswordHashing.PARAMETERS);
    seedWorkspace(
        "demo", "Demo", "demo@antpath.local", Setting.DEV_DEMO_PASSWORD, Setting.DEV_DEMO_TOKEN);
    seedWorkspace(
        "demo-other",
        "Demo (other tenant)",
        "demo-other@antpath.local",
        Setting.DEV_DEMO_OTHER_PASSWORD,
        Setting.DEV_DEMO_OTHER_TOKEN);
  }

  private void seedWorkspace(
      String slug, String name, String email, Setting password, Setting token) {
    Optional<String> pw = value(password);
    Optional<String> secret = value(token);
    if (pw.isEmpty() && secret.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    AppUser owner = user(email, now);
    pw.ifPresent(p -> credential(owner, p, now));
    Workspace ws = workspace(slug, name, owner, now);
    if (em.find(WorkspaceMembership.class, new MembershipId(ws.getId(), owner.getId())) == null) {
      em.persist(new WorkspaceMembership(ws.getId(), owner.getId(), Role.OWNER, now));
    }
    secret.ifPresent(s -> token(ws, owner, s, now));
    LOG.info(() -> "demo data ready: workspace '" + slug + "', owner " + email);
  }

  private AppUser user(String email, Instant now) {
    return Users.byEmail(em, email)
        .orElseGet(
            () -> {
              AppUser u = new AppUser(email, "Demo owner", now);
              em.persist(u);
              return u;
            });
  }

  private void credential(AppUser owner, String password, Instant now) {
    UserCredential existing = em.find(UserCredential.class, owner.getId());
    if (existing == null) {
      em.persist(
          new UserCredential(owner.getId(), passwordHash.generate(password.toCharArray()), now));
    } else if (!passwordHash.verify(password.toCharArray(), existing.getPasswordHash())) {
      existing.changeHash(passwordHash.generate(password.toCharArray()), now);
    }
  }

  private Workspace workspace(String slug, String name, AppUser owner, Instant now) {
    return em.createNamedQuery("Workspace.findBySlug", Workspace.class)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst()
        .orElseGet(
            () -> {
              Workspace w = new Workspace(slug, name, owner.getId(), now);
              // Generous caps so people can try the platform: bursts of 50 submissions, 100 queued
              // runs.
              w.overrideCaps(10, 100, 10L << 30, 120, now);
              em.persist(w);
              return w;
            });
  }

  private void token(Workspace ws, AppUser owner, String secret, Instant now) {
    TokenSecrets.Secret parsed = TokenSecrets.of(secret);
    boolean present =
        !em.createNamedQuery("ApiToken.findBySecretHash", ApiToken.class)
            .setParameter("hash", parsed.hash())
            .getResultList()
            .isEmpty();
    if (!present) {
      // A new demo secret (e.g. .antpath/ was wiped) replaces the previous demo token.
      WorkspaceScope.of(em, ws.getId())
          .where(ApiToken.class, "e.name = :n and e.revokedAt is null")
          .setParameter("n", TOKEN_NAME)
          .getResultStream()
          .forEach(t -> t.revoke(owner.getId(), now));
      em.persist(
          new ApiToken(
              ws.getId(),
              TOKEN_NAME,
              parsed.publicPrefix(),
              parsed.hash(),
              EnumSet.allOf(Scope.class),
              owner.getId(),
              null,
              now));
    }
  }

  private Optional<String> value(Setting setting) {
    return config
        .getOptionalValue(setting.key(), String.class)
        .map(String::trim)
        .filter(v -> !v.isEmpty());
  }
}
