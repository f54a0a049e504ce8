package io.antpath.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.web.platform.OpenApiFormatFilter.Format;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenApiFormatFilterTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "-    | -                                       | JSON",
        "-    | */*                                     | JSON",
        "-    | application/json                        | JSON",
        "-    | application/*                           | JSON",
        "-    | text/html,application/xhtml+xml,*/*;q=0.8 | JSON",
        "-    | text/html                               | JSON",
        "-    | application/xml                         | JSON",
        "-    | application/yaml                        | YAML",
        "-    | APPLICATION/YAML                        | YAML",
        "-    | application/x-yaml                      | YAML",
        "-    | text/yaml                               | YAML",
        "-    | application/yaml, application/json;q=0.5 | YAML",
        "-    | application/yaml;q=0.5, application/json | JSON",
        "-    | application/yaml;q=0.5, */*;q=0.4       | YAML",
        "-    | application/yaml;q=0, */*               | JSON",
        "-    | application/yaml;q=abc                  | JSON",
        "-    | text/plain                              | TEXT",
        "-    | text/plain, application/json            | JSON",
        "-    | text/plain, application/yaml            | YAML",
        "yaml | application/json                        | YAML",
        "YAML | -                                       | YAML",
        "json | application/yaml                        | JSON",
        "xml  | application/yaml                        | YAML",
        "xml  | -                                       | JSON",
      })
  void theFormat_followsTheQuery_thenTheClientsPreference(
      String format, String accept, Format expected) {
    assertThat(
            OpenApiFormatFilter.choose(
                format,
                accept == null
                    ? Collections.emptyEnumeration()
                    : Collections.enumeration(List.of(accept))))
        .isEqualTo(expected);
  }
}
