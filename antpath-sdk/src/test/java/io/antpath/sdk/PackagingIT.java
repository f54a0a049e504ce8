package io.antpath.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What {@code package} leaves for a release: the jar with its JPMS name and version, a sources jar
 * and a Javadoc jar of the public API (the internal package left out), and a version that is the
 * API's and that the server build uses.
 */
class PackagingIT {
  private static final String BASE = System.getProperty("antpath.sdk.artifacts");
  private static final String VERSION = System.getProperty("antpath.sdk.version");

  private static List<String> entries(String suffix) throws Exception {
    Path jar = Path.of(BASE + suffix);
    assertThat(jar).as("built by package").isRegularFile();
    try (JarFile f = new JarFile(jar.toFile())) {
      return Collections.list(f.entries()).stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void theJar_namesItsModuleAndVersion_andHoldsNoTestClasses() throws Exception {
    try (JarFile jar = new JarFile(Path.of(BASE + ".jar").toFile())) {
      Manifest m = jar.getManifest();
      assertThat(m.getMainAttributes().getValue("Automatic-Module-Name"))
          .isEqualTo("io.antpath.sdk");
      assertThat(m.getMainAttributes().getValue("Implementation-Version")).isEqualTo(VERSION);
    }
    assertThat(entries(".jar"))
        .contains(
            "io/antpath/sdk/AntpathClient.class", "io/antpath/sdk/internal/version.properties")
        .noneMatch(e -> e.endsWith("Test.class") || e.endsWith("IT.class"));
  }

  @Test
  void theSourcesJar_holdsEverySource() throws Exception {
    assertThat(entries("-sources.jar"))
        .contains(
            "io/antpath/sdk/AntpathClient.java",
            "io/antpath/sdk/run/RunsService.java",
            "io/antpath/sdk/internal/Transport.java");
  }

  @Test
  void theJavadocJar_documentsThePublicApi_withoutTheInternals() throws Exception {
    // Pages sit under the module's name (io.antpath.sdk/...) since the jar names its module.
    List<String> pages = entries("-javadoc.jar");
    assertThat(pages).contains("index.html");
    for (String page :
        List.of(
            "io/antpath/sdk/AntpathClient.html",
            "io/antpath/sdk/run/RunsService.html",
            "io/antpath/sdk/errors/AntpathServiceException.html")) {
      assertThat(pages).anyMatch(e -> e.endsWith(page));
    }
    assertThat(pages).noneMatch(e -> e.contains("io/antpath/sdk/internal/"));
  }

  @Test
  void theVersion_isTheApisMajor_andTheServerBuildUsesIt() throws Exception {
    assertThat(VERSION).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat("v" + VERSION.substring(0, VERSION.indexOf('.')))
        .isEqualTo(AntpathClient.API_VERSION);
    Path reactor = Path.of("../pom.xml");
    if (Files.exists(reactor)) { // built inside the antpath repository
      String pom = Files.readString(reactor);
      String managed =
          pom.replaceAll(
              "(?s).*<artifactId>antpath-sdk</artifactId>\\s*(?:<!--.*?-->\\s*)?<version>([^<]+)</version>.*",
              "$1");
      assertThat(managed).as("antpath-sdk version managed by ../pom.xml").isEqualTo(VERSION);
    }
  }
}
