package io.antpath.identity.entity;

import io.antpath.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A person who signs in to the dashboard, with local credentials or through OpenID Connect. */
@Entity
@Table(name = "app_users")
@NamedQuery(
    name = "AppUser.findByOidc",
    query = "select u from AppUser u where u.oidcIssuer = :issuer and u.oidcSubject = :subject")
@NamedQuery(
    name = "AppUser.findByEmail",
    query = "select u from AppUser u where lower(u.email) = lower(:email)")
public class AppUser {
  @Id private UUID id;

  @Column(nullable = false, length = 320)
  private String email;

  @Column(name = "display_name", length = 200)
  private String displayName;

  @Column(nullable = false, length = 20)
  private UserStatus status;

  @Column(name = "oidc_issuer", length = 500)
  private String oidcIssuer;

  @Column(name = "oidc_subject")
  private String oidcSubject;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "delete_requested_at")
  private Instant deleteRequestedAt;

  protected AppUser() {}

  public AppUser(String email, String displayName, Instant now) {
    Objects.requireNonNull(email, "email is required");
    if (email.indexOf('@') < 1) {
      throw new IllegalArgumentException("email must contain '@'");
    }
    this.id = Ids.newId();
    this.email = email.trim().toLowerCase(Locale.ROOT);
    this.displayName = displayName;
    this.status = UserStatus.ACTIVE;
    this.createdAt = Objects.requireNonNull(now, "now is required");
    this.updatedAt = now;
  }

  /** A user first seen through an OpenID Connect login. */
  public static AppUser fromOidc(
      String issuer, String subject, String email, String displayName, Instant now) {
    AppUser user = new AppUser(email, displayName, now);
    user.oidcIssuer = Objects.requireNonNull(issuer, "issuer is required");
    user.oidcSubject = Objects.requireNonNull(subject, "subject is required");
    return user;
  }

  public void requestDeletion(Instant now) {
    status = UserStatus.PENDING_DELETE;
    deleteRequestedAt = now;
    updatedAt = now;
  }

  public UUID getId() {
    return id;
  }

  public String getEmail() {
    return email;
  }

  public Optional<String> getDisplayName() {
    return Optional.ofNullable(displayName);
  }

  public UserStatus getStatus() {
    return status;
  }

  public Optional<String> getOidcIssuer() {
    return Optional.ofNullable(oidcIssuer);
  }

  public Optional<String> getOidcSubject() {
    return Optional.ofNullable(oidcSubject);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Optional<Instant> getDeleteRequestedAt() {
    return Optional.ofNullable(deleteRequestedAt);
  }
}
