package io.antpath.vault.boundary;

import static io.antpath.testdata.Entities.aRun;
import static io.antpath.testdata.Entities.aUser;
import static io.antpath.testdata.Entities.aWorkspace;
import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.identity.entity.AppUser;
import io.antpath.platform.crypto.VaultKeyRing;
import io.antpath.run.entity.Run;
import io.antpath.testdata.Jpa;
import io.antpath.testkit.TestDatabase;
import io.antpath.workspace.entity.Workspace;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The vault over the real schema: the canary exists only as ciphertext; destroy is idempotent. */
class AesGcmVaultIT {
  private static final String CANARY = "sk-ant-api03-VAULT-CANARY-" + UUID.randomUUID();
  private static TestDatabase db;
  private static Jpa jpa;
  private static Workspace ws;
  private static AppUser user;

  @BeforeAll
  static void schema() {
    db = TestDatabase.migrated("vault");
    jpa = Jpa.over(db.url());
    user = aUser();
    ws = aWorkspace(user);
    jpa.inTx(em -> List.of(user, ws).forEach(em::persist));
  }

  @AfterAll
  static void close() {
    jpa.close();
    db.close();
  }

  private static AesGcmVault vault(EntityManager em) {
    AesGcmVault vault = new AesGcmVault();
    vault.em = em;
    vault.keys = VaultKeyRing.parse("k1:" + Base64.getEncoder().encodeToString(new byte[32]), null);
    return vault;
  }

  private static Run newRun() {
    Run run = aRun(ws, user);
    jpa.inTx(em -> em.persist(run));
    return run;
  }

  @Test
  void seal_storesOnlyCiphertext() throws Exception {
    Run run = newRun();
    jpa.read(
        em -> vault(em).seal(ws.getId(), run.getId(), CANARY.getBytes(StandardCharsets.UTF_8)));
    Optional<byte[]> opened = jpa.read(em -> vault(em).open(ws.getId(), run.getId()));
    assertThat(opened)
        .hasValueSatisfying(
            b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo(CANARY));
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select string_agg(t::text, ' ') from vault_entries t")) {
      rs.next();
      assertThat(rs.getString(1)).doesNotContain(CANARY).doesNotContain(hex(CANARY));
    }
  }

  @Test
  void destroy_isIdempotent_clearsTheRunReference_andOpenThenFindsNothing() {
    Run run = newRun();
    jpa.inTx(
        em -> // As RunInserter does: the run points at its entry.
        em.find(Run.class, run.getId())
                .attachSecrets(
                    vault(em)
                        .seal(ws.getId(), run.getId(), CANARY.getBytes(StandardCharsets.UTF_8))));
    assertThat(jpa.read(em -> em.find(Run.class, run.getId())).getExecutionSecretId()).isPresent();
    boolean first = jpa.read(em -> vault(em).destroy(ws.getId(), run.getId()));
    boolean second = jpa.read(em -> vault(em).destroy(ws.getId(), run.getId()));
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(jpa.read(em -> em.find(Run.class, run.getId())).getExecutionSecretId()).isEmpty();
    Optional<byte[]> opened = jpa.read(em -> vault(em).open(ws.getId(), run.getId()));
    assertThat(opened).isEmpty();
  }

  @Test
  void anotherWorkspace_cannotOpenTheEntry() {
    Run run = newRun();
    jpa.inTx(
        em -> vault(em).seal(ws.getId(), run.getId(), CANARY.getBytes(StandardCharsets.UTF_8)));
    Optional<byte[]> foreign = jpa.read(em -> vault(em).open(UUID.randomUUID(), run.getId()));
    assertThat(foreign).isEmpty();
  }

  private static String hex(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      b.append(String.format("%02x", x));
    }
    return b.toString();
  }
}
