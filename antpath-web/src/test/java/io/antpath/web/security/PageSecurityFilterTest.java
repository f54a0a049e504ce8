package io.antpath.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageSecurityFilterTest {
  @Test
  void origin_dropsPathAndDefaultPorts() {
    assertThat(PageSecurityFilter.origin("https://Example.com:443/app/x?y=1"))
        .contains("https://Example.com");
    assertThat(PageSecurityFilter.origin("http://127.0.0.1:8080/app/"))
        .contains("http://127.0.0.1:8080");
    assertThat(PageSecurityFilter.origin("http://host:80")).contains("http://host");
  }

  @Test
  void origin_ofSomethingThatIsNoUrl_isEmpty() {
    assertThat(PageSecurityFilter.origin("null")).isEqualTo(Optional.empty());
    assertThat(PageSecurityFilter.origin("/relative/path")).isEmpty();
    assertThat(PageSecurityFilter.origin("http://[bad")).isEmpty();
  }

  @Test
  void csp_allowsNoInlineScriptAndNoFraming() {
    assertThat(PageSecurityFilter.CSP)
        .contains("script-src 'self';")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe");
  }
}
