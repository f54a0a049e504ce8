package io.antpath.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.platform.tenancy.WorkspaceOwned;
import io.antpath.testdata.EntityCatalog;
import io.antpath.testkit.Schema;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalogue, the compiled classes and the schema agree. */
class EntityCatalogTest {
  private static final Path CLASSES = Path.of("target", "classes");
  // Infrastructure tables written only with native SQL (atomic upserts), deliberately without
  // entity.
  private static final java.util.Set<String> NATIVE_TABLES =
      java.util.Set.of("rate_limit_windows", "storage_reservations");

  private static List<Class<?>> compiledClassesAnnotatedWith(
      Class<? extends java.lang.annotation.Annotation> a) throws IOException {
    try (Stream<Path> files = Files.walk(CLASSES)) {
      return files
          .filter(
              f ->
                  f.toString().endsWith(".class")
                      && !f.getFileName().toString().equals("package-info.class"))
          .map(f -> CLASSES.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .map(EntityCatalogTest::load)
          .filter(c -> c.isAnnotationPresent(a))
          .<Class<?>>map(c -> c)
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, EntityCatalogTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void catalogue_listsEveryEntityAndConverter() throws IOException {
    assertThat(EntityCatalog.ENTITIES)
        .containsExactlyInAnyOrderElementsOf(compiledClassesAnnotatedWith(Entity.class));
    assertThat(EntityCatalog.CONVERTERS)
        .containsExactlyInAnyOrderElementsOf(compiledClassesAnnotatedWith(Converter.class));
  }

  @Test
  void persistenceXml_listsExactlyTheCatalogue() throws IOException {
    String xml = Files.readString(CLASSES.resolve("META-INF/persistence.xml"));
    Matcher m = Pattern.compile("<class>([^<]+)</class>").matcher(xml);
    List<String> listed = new java.util.ArrayList<>();
    while (m.find()) {
      listed.add(m.group(1));
    }
    List<String> expected =
        Stream.concat(EntityCatalog.ENTITIES.stream(), EntityCatalog.CONVERTERS.stream())
            .map(Class::getName)
            .toList();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyTableOfTheSchema_hasAnEntity() throws IOException {
    StringBuilder sql = new StringBuilder();
    try (Stream<Path> files = Files.list(Schema.migrations())) {
      for (Path f : files.sorted().toList()) {
        sql.append(Files.readString(f)).append('\n');
      }
    }
    Matcher m = Pattern.compile("(?m)^create table (\\w+)").matcher(sql);
    List<String> mapped =
        EntityCatalog.ENTITIES.stream().map(c -> c.getAnnotation(Table.class).name()).toList();
    int tables = 0;
    while (m.find()) {
      if (NATIVE_TABLES.contains(m.group(1))) {
        continue;
      }
      tables++;
      assertThat(mapped).as("entity for table %s", m.group(1)).contains(m.group(1));
    }
    assertThat(tables).isEqualTo(EntityCatalog.ENTITIES.size());
  }

  @Test
  void everyEntityWithAWorkspaceColumn_isWorkspaceOwned() {
    for (Class<?> entity : EntityCatalog.ENTITIES) {
      boolean hasWorkspaceId =
          Stream.of(entity.getDeclaredFields()).anyMatch(f -> f.getName().equals("workspaceId"));
      // The audit log records a workspace but outlives it; it is read by its own, audited path.
      if (hasWorkspaceId && !entity.getSimpleName().equals("AuditEntry")) {
        assertThat(WorkspaceOwned.class).as(entity.getSimpleName()).isAssignableFrom(entity);
      }
    }
  }
}
