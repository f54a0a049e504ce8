package io.antpath.sdk.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A reference to a Claude skill: one of Anthropic's ({@link #anthropic}) or a custom one of the API
 * key's organisation ({@link #custom}). Put public ones in {@link
 * RunCreateParams.Builder#addSkill}; private ones in {@link RunSecrets#withSkill}, which keeps them
 * out of the stored run. At most 20 in all.
 *
 * @param type {@code anthropic} or {@code custom}
 * @param skillId the skill's id
 * @param version a version, or null for the latest
 */
public record Skill(String type, String skillId, String version) {
  /** Checks the type and id. */
  public Skill {
    Objects.requireNonNull(skillId, "skillId");
    if (!"anthropic".equals(type) && !"custom".equals(type)) {
      throw new IllegalArgumentException("Skill type: 'anthropic' or 'custom'");
    }
  }

  /**
   * One of Anthropic's skills, latest version.
   *
   * @param skillId e.g. {@code xlsx}
   * @return the reference
   */
  public static Skill anthropic(String skillId) {
    return new Skill("anthropic", skillId, null);
  }

  /**
   * A custom skill, latest version.
   *
   * @param skillId the skill's id
   * @return the reference
   */
  public static Skill custom(String skillId) {
    return new Skill("custom", skillId, null);
  }

  /**
   * A custom skill at a version.
   *
   * @param skillId the skill's id
   * @param version the version
   * @return the reference
   */
  public static Skill custom(String skillId, String version) {
    return new Skill("custom", skillId, Objects.requireNonNull(version, "version"));
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", type);
    json.put("skill_id", skillId);
    if (version != null) {
      json.put("version", version);
    }
    return json;
  }
}
