package io.antpath.testdata;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * Hibernate outside the container, over the real schema: resource-local transactions and {@code
 * hbm2ddl=validate}, so a mapping that disagrees with the Flyway schema fails at boot.
 */
public final class Jpa implements AutoCloseable {
  private final EntityManagerFactory emf;

  private Jpa(EntityManagerFactory emf) {
    this.emf = emf;
  }

  public static Jpa over(String jdbcUrl) {
    return over(jdbcUrl, java.util.Map.of());
  }

  /** As {@link #over(String)} with extra Hibernate properties (e.g. a statement inspector). */
  public static Jpa over(String jdbcUrl, java.util.Map<String, String> properties) {
    HibernatePersistenceConfiguration cfg = new HibernatePersistenceConfiguration("antpath-test");
    EntityCatalog.ENTITIES.forEach(cfg::managedClass);
    EntityCatalog.CONVERTERS.forEach(cfg::managedClass);
    cfg.jdbcUrl(jdbcUrl)
        .property("hibernate.hbm2ddl.auto", "validate")
        .property("hibernate.jdbc.time_zone", "UTC")
        .property("hibernate.connection.pool_size", "4");
    properties.forEach(cfg::property);
    return new Jpa(cfg.createEntityManagerFactory());
  }

  /** Runs {@code work} in one committed transaction. */
  public void inTx(Consumer<EntityManager> work) {
    read(
        em -> {
          work.accept(em);
          return null;
        });
  }

  /** Runs {@code work} in one committed transaction and returns its result. */
  public <T> T read(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      T result = work.apply(em);
      em.getTransaction().commit();
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }

  @Override
  public void close() {
    emf.close();
  }
}
