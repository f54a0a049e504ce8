package io.antpath.capture.control;

import io.antpath.platform.config.Setting;
import java.net.URI;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;

/** The output storage the configuration names ({@code antpath.storage.kind}). */
public final class OutputStorages {
  private OutputStorages() {}

  public static OutputStorage fromConfig(Config config) {
    String kind = config.getValue(Setting.STORAGE_KIND.key(), String.class);
    if (kind.equals("s3")) {
      return new S3Storage(
          new S3Storage.Settings(
              config.getValue(Setting.STORAGE_S3_BUCKET.key(), String.class),
              config.getValue(Setting.STORAGE_S3_REGION.key(), String.class),
              config
                  .getOptionalValue(Setting.STORAGE_S3_ENDPOINT.key(), String.class)
                  .map(URI::create)
                  .orElse(null),
              config.getValue(Setting.STORAGE_S3_PATH_STYLE.key(), Boolean.class),
              config
                  .getOptionalValue(Setting.STORAGE_S3_ACCESS_KEY_ID.key(), String.class)
                  .orElse(null),
              config
                  .getOptionalValue(Setting.STORAGE_S3_SECRET_ACCESS_KEY.key(), String.class)
                  .orElse(null),
              config.getOptionalValue(Setting.STORAGE_S3_PREFIX.key(), String.class).orElse(null)));
    }
    return new FilesystemStorage(Path.of(config.getValue(Setting.STORAGE_DIR.key(), String.class)));
  }
}
