package io.antpath.platform.config;

import io.antpath.platform.crypto.TokenFormat;
import io.antpath.platform.crypto.VaultKeyRing;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The start-up configuration check: every {@link Setting} against its rule, then the cross-key
 * rules of production mode. Pure (reads values through a lookup function) so each rule has its own
 * unit test.
 */
public final class ConfigCheck {
  private final Function<String, Optional<String>> lookup;

  /**
   * @param lookup returns the configured value of a key, or empty when unset (defaults included)
   */
  public ConfigCheck(Function<String, Optional<String>> lookup) {
    this.lookup = lookup;
  }

  public List<ConfigProblem> problems() {
    List<ConfigProblem> problems = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      Optional<String> value = value(setting);
      if (value.isEmpty()) {
        if (setting.required()) {
          problems.add(ConfigProblem.of(setting, "is required but not set"));
        }
        continue;
      }
      setting.rule().check(value.get()).ifPresent(m -> problems.add(ConfigProblem.of(setting, m)));
    }
    for (Setting token : List.of(Setting.DEV_DEMO_TOKEN, Setting.DEV_DEMO_OTHER_TOKEN)) {
      value(token)
          .filter(t -> !TokenFormat.isWellFormed(t.trim()))
          .ifPresent(
              t ->
                  problems.add(
                      ConfigProblem.of(
                          token, "must be an antpath token (apt_ + 43 base64url characters)")));
    }
    value(Setting.OIDC_ISSUER)
        .ifPresent(
            issuer -> {
              Setting.Rule.HTTP_URL
                  .check(issuer)
                  .ifPresent(m -> problems.add(ConfigProblem.of(Setting.OIDC_ISSUER, m)));
              for (Setting needed : List.of(Setting.OIDC_CLIENT_ID, Setting.OIDC_CLIENT_SECRET)) {
                if (value(needed).isEmpty()) {
                  problems.add(
                      ConfigProblem.of(
                          needed, "is required when " + Setting.OIDC_ISSUER.envVar() + " is set"));
                }
              }
            });
    if (value(Setting.STORAGE_KIND).filter("s3"::equals).isPresent()) {
      if (value(Setting.STORAGE_S3_BUCKET).isEmpty()) {
        problems.add(
            ConfigProblem.of(
                Setting.STORAGE_S3_BUCKET,
                "is required when " + Setting.STORAGE_KIND.envVar() + " is s3"));
      }
      value(Setting.STORAGE_S3_ENDPOINT)
          .flatMap(Setting.Rule.HTTP_URL::check)
          .ifPresent(m -> problems.add(ConfigProblem.of(Setting.STORAGE_S3_ENDPOINT, m)));
      if (value(Setting.STORAGE_S3_ACCESS_KEY_ID).isPresent()
          != value(Setting.STORAGE_S3_SECRET_ACCESS_KEY).isPresent()) {
        problems.add(
            ConfigProblem.of(
                Setting.STORAGE_S3_SECRET_ACCESS_KEY,
                "and " + Setting.STORAGE_S3_ACCESS_KEY_ID.envVar() + " go together"));
      }
    }
    value(Setting.HTTP_PUBLIC_URL)
        .flatMap(Setting.Rule.HTTP_URL::check)
        .ifPresent(m -> problems.add(ConfigProblem.of(Setting.HTTP_PUBLIC_URL, m)));
    if (problems.isEmpty() && mode() == Mode.PRODUCTION) {
      productionRules(problems);
    }
    if (problems.isEmpty()) {
      activeKeyRule(problems);
    }
    return List.copyOf(problems);
  }

  private void productionRules(List<ConfigProblem> problems) {
    if (VaultKeyRing.parse(value(Setting.VAULT_KEYS).orElseThrow(), null).hasDevKeys()) {
      problems.add(
          ConfigProblem.of(
              Setting.VAULT_KEYS,
              "contains a development key (id starting with 'dev'); production needs its own keys"));
    }
    for (Setting devOnly :
        List.of(
            Setting.DEV_DEMO_PASSWORD,
            Setting.DEV_DEMO_TOKEN,
            Setting.DEV_DEMO_OTHER_PASSWORD,
            Setting.DEV_DEMO_OTHER_TOKEN)) {
      if (value(devOnly).isPresent()) {
        problems.add(
            ConfigProblem.of(devOnly, "seeds demo data and must not be set in production mode"));
      }
    }
    value(Setting.OIDC_ISSUER)
        .filter(i -> !i.trim().startsWith("https://"))
        .ifPresent(
            i ->
                problems.add(
                    ConfigProblem.of(Setting.OIDC_ISSUER, "must use https in production mode")));
    URI provider = URI.create(value(Setting.PROVIDER_BASE_URL).orElseThrow().trim());
    if (!"https".equals(provider.getScheme())) {
      problems.add(
          ConfigProblem.of(Setting.PROVIDER_BASE_URL, "must use https in production mode"));
    }
  }

  private void activeKeyRule(List<ConfigProblem> problems) {
    Optional<String> active = value(Setting.VAULT_ACTIVE_KEY_ID);
    Optional<String> keys = value(Setting.VAULT_KEYS);
    if (active.isPresent() && keys.isPresent()) {
      try {
        VaultKeyRing.parse(keys.get(), active.get().trim());
      } catch (IllegalArgumentException e) {
        problems.add(
            ConfigProblem.of(
                Setting.VAULT_ACTIVE_KEY_ID,
                "names a key id that is not in " + Setting.VAULT_KEYS.envVar()));
      }
    }
  }

  private Mode mode() {
    return Mode.parse(value(Setting.MODE).orElseThrow());
  }

  private Optional<String> value(Setting setting) {
    return lookup.apply(setting.key()).filter(v -> !v.isBlank()).or(setting::defaultValue);
  }
}
