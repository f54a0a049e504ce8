package io.antpath.capture.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum CaptureFailureReason {
  WORKSPACE_QUOTA_EXCEEDED,
  DOWNLOAD_FAILED,
  LISTING_FAILED,
  STORAGE_FAILED;

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<CaptureFailureReason> {
    public Converter() {
      super(CaptureFailureReason.class);
    }
  }
}
