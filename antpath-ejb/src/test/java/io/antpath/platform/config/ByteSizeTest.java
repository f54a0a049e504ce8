package io.antpath.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
  @ParameterizedTest
  @CsvSource({
    "0,0",
    "1024,1024",
    "1KB,1000",
    "1KiB,1024",
    "512MiB,536870912",
    "2 GiB,2147483648",
    "10gb,10000000000",
    "1TiB,1099511627776"
  })
  void parse_acceptsPlainBytesAndUnits(String text, long bytes) {
    assertThat(ByteSize.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "1.5GB", "GB", "10 PB", "9223372036854775807KB"})
  void parse_refusesMalformedOrOverflowingSizes(String text) {
    assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
