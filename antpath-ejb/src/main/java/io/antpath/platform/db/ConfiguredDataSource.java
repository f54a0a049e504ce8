package io.antpath.platform.db;

import io.antpath.platform.config.Setting;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL data source behind {@code java:app/jdbc/antpath}, configured from {@code
 * antpath.db.*} rather than from annotation attributes.
 *
 * <p>Why not {@code url = "${MPCONFIG=...}"} on the {@code @DataSourceDefinition}: the container
 * also applies the annotation's default {@code serverName = "localhost"} through a setter, in no
 * fixed order, so a URL pointing elsewhere is sometimes silently replaced by localhost. Here the
 * container's host/port/database/credential setters are ignored and the configured URL always wins.
 */
public class ConfiguredDataSource extends PGSimpleDataSource {
  private static final long serialVersionUID = 1L;
  private boolean configured;
  // Set once configuration is applied; from then on the container's setters are ignored. (pgjdbc's
  // own
  // setURL calls the host/port/database setters, so they must work while configuration is applied.)
  private boolean locked;

  public ConfiguredDataSource() {
    Config config = ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader());
    Optional<String> url = config.getOptionalValue(Setting.DB_URL.key(), String.class);
    url.ifPresent(
        u -> {
          super.setURL(u.trim());
          configured = true;
        });
    config.getOptionalValue(Setting.DB_USER.key(), String.class).ifPresent(super::setUser);
    config.getOptionalValue(Setting.DB_PASSWORD.key(), String.class).ifPresent(super::setPassword);
    if (url.isPresent()) {
      applyDefaultsNotInUrl(url.get());
    }
    locked = true;
  }

  private void applyDefaultsNotInUrl(String url) {
    // Fail fast when the database is unreachable instead of hanging a health probe or a deployment.
    if (!url.contains("connectTimeout=")) {
      super.setConnectTimeout(5);
    }
    if (!url.contains("tcpKeepAlive=")) {
      super.setTcpKeepAlive(true);
    }
    if (!url.contains("ApplicationName=")) {
      super.setApplicationName("antpath");
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    requireConfigured();
    return super.getConnection();
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    requireConfigured();
    return super.getConnection(user, password);
  }

  private void requireConfigured() throws SQLException {
    if (!configured) {
      throw new SQLException(
          Setting.DB_URL.envVar() + " (" + Setting.DB_URL.key() + ") is not set", "08001");
    }
  }

  // The container calls these with annotation defaults; configuration owns these values.
  @Override
  @SuppressWarnings("deprecation")
  public void setServerName(String serverName) {
    if (!locked) {
      super.setServerName(serverName);
    }
  }

  @Override
  public void setServerNames(String[] serverNames) {
    if (!locked) {
      super.setServerNames(serverNames);
    }
  }

  @Override
  @SuppressWarnings("deprecation")
  public void setPortNumber(int portNumber) {
    if (!locked) {
      super.setPortNumber(portNumber);
    }
  }

  @Override
  public void setPortNumbers(int[] portNumbers) {
    if (!locked) {
      super.setPortNumbers(portNumbers);
    }
  }

  @Override
  public void setDatabaseName(String databaseName) {
    if (!locked) {
      super.setDatabaseName(databaseName);
    }
  }

  @Override
  public void setURL(String url) {
    if (!locked) {
      super.setURL(url);
    }
  }

  @Override
  public void setUrl(String url) {
    if (!locked) {
      super.setUrl(url);
    }
  }

  @Override
  public void setUser(String user) {
    if (!locked) {
      super.setUser(user);
    }
  }

  @Override
  public void setPassword(String password) {
    if (!locked) {
      super.setPassword(password);
    }
  }
}
