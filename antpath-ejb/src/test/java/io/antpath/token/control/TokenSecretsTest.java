package io.antpath.token.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSecretsTest {
  @Test
  void generate_makesWellFormedUniqueSecretsWithPrefixAndHash() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      TokenSecrets.Secret s = TokenSecrets.generate();
      assertThat(TokenSecrets.isWellFormed(s.token())).isTrue();
      assertThat(s.publicPrefix()).hasSize(12).isEqualTo(s.token().substring(0, 12));
      assertThat(s.hash()).isEqualTo(TokenSecrets.hash(s.token())).hasSize(32);
      assertThat(seen.add(s.token())).isTrue();
    }
  }

  @Test
  void toString_showsOnlyThePrefix() {
    TokenSecrets.Secret s = TokenSecrets.generate();
    assertThat(s.toString()).doesNotContain(s.token()).contains(s.publicPrefix());
  }

  @Test
  void malformedTokens_areRecognised() {
    assertThat(TokenSecrets.isWellFormed(null)).isFalse();
    assertThat(TokenSecrets.isWellFormed("apt_short")).isFalse();
    assertThat(TokenSecrets.isWellFormed("xyz_" + "a".repeat(43))).isFalse();
    assertThat(TokenSecrets.isWellFormed("apt_" + "a".repeat(42) + "!")).isFalse();
    assertThatThrownBy(() -> TokenSecrets.of("nope")).isInstanceOf(IllegalArgumentException.class);
  }
}
