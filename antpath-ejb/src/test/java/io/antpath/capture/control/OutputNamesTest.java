package io.antpath.capture.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Provider file names can never escape a folder, and storage keys never come from them. */
class OutputNamesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "../../etc/passwd|etc/passwd",
        "/abs/path.txt|abs/path.txt",
        "..|file",
        "a/./b/../c.txt|a/b/c.txt",
        "C:\\\\Windows\\\\x.dll|C:/Windows/x.dll",
        "  report.md  |report.md",
        "résumé 📄.pdf|résumé 📄.pdf",
        "reports//2026/summary.md|reports/2026/summary.md"
      })
  void names_becomeSafeRelativePaths(String given, String safe) {
    assertThat(OutputNames.safe(given)).isEqualTo(safe);
    Path dir = Path.of("/out");
    assertThat(dir.resolve(OutputNames.safe(given)).normalize().startsWith(dir)).isTrue();
  }

  @Test
  void controlCharactersAndNul_areDropped_andLongNamesCut() {
    assertThat(OutputNames.safe("a\u0000b\nc\u2028.txt")).isEqualTo("abc.txt");
    String longName = "x".repeat(300) + "/" + "y".repeat(2000);
    String safe = OutputNames.safe(longName);
    assertThat(safe.length()).isLessThanOrEqualTo(1000);
    assertThat(safe.split("/")).allMatch(s -> s.length() <= 255);
    String emoji = "😀".repeat(200); // 400 UTF-16 units: the cut must not split a pair
    assertThat(OutputNames.safe(emoji).codePoints().allMatch(Character::isValidCodePoint)).isTrue();
    assertThat(OutputNames.safe(emoji)).doesNotContain("\uFFFD").hasSizeLessThanOrEqualTo(255);
    assertThat(OutputNames.safe(emoji)).hasSize(254);
    assertThat(OutputNames.safe(null)).isEqualTo("file");
    assertThat(OutputNames.baseName("a/b/c.txt")).isEqualTo("c.txt");
    assertThat(OutputNames.contentType("x/REPORT.PDF")).isEqualTo("application/pdf");
    assertThat(OutputNames.contentType("page.html")).isEqualTo("application/octet-stream");
  }

  @Test
  void filesystemStorage_acceptsOnlyKeysItBuilt_andKeepsNothingOfAnAbortedWrite(@TempDir Path root)
      throws Exception {
    FilesystemStorage storage = new FilesystemStorage(root);
    for (String bad :
        new String[] {
          "../x", "/etc/passwd", UUID.randomUUID() + "/../../x", "a\u0000b", "x".repeat(5000)
        }) {
      assertThatThrownBy(() -> storage.size(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    String key = OutputStorage.key(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    OutputStorage.Stored s = storage.write(key, new ByteArrayInputStream(new byte[10]), 10);
    assertThat(s.sizeBytes()).isEqualTo(10);
    assertThat(s.sha256()).hasSize(32);
    assertThat(storage.read(key, 4).readAllBytes()).hasSize(6);

    String big = OutputStorage.key(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    assertThatThrownBy(() -> storage.write(big, new ByteArrayInputStream(new byte[11]), 10))
        .isInstanceOf(OutputStorage.TooLargeException.class);
    try (var files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile).toList()).hasSize(1);
    }
    storage.delete(key);
    storage.delete(key);
    try (var files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
    }
  }
}
