package io.antpath.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's local password, only ever as a salted slow hash (PBKDF2, in the Jakarta Security encoded
 * form). {@link #toString()} does not print it.
 */
@Entity
@Table(name = "user_credentials")
public class UserCredential {
  @Id
  @Column(name = "user_id")
  private UUID userId;

  @Column(name = "password_hash", nullable = false, length = 512)
  private String passwordHash;

  @Column(name = "failed_attempts", nullable = false)
  private int failedAttempts;

  @Column(name = "locked_until")
  private Instant lockedUntil;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected UserCredential() {}

  public UserCredential(UUID userId, String passwordHash, Instant now) {
    this.userId = Objects.requireNonNull(userId, "user id is required");
    this.updatedAt = Objects.requireNonNull(now, "now is required");
    changeHash(passwordHash, now);
  }

  public final void changeHash(String newHash, Instant now) {
    Objects.requireNonNull(newHash, "password hash is required");
    if (newHash.length() < 32) {
      throw new IllegalArgumentException("password hash is too short to be a salted hash");
    }
    this.passwordHash = newHash;
    this.failedAttempts = 0;
    this.lockedUntil = null;
    this.updatedAt = now;
  }

  public void recordFailure(Instant now) {
    failedAttempts++;
    updatedAt = now;
  }

  public void lockUntil(Instant until, Instant now) {
    lockedUntil = until;
    updatedAt = now;
  }

  public UUID getUserId() {
    return userId;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public int getFailedAttempts() {
    return failedAttempts;
  }

  public Optional<Instant> getLockedUntil() {
    return Optional.ofNullable(lockedUntil);
  }

  @Override
  public String toString() {
    return "UserCredential[userId=" + userId + ", failedAttempts=" + failedAttempts + "]";
  }
}
