package io.antpath.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.audit.entity.AuditOutcome;
import io.antpath.capture.entity.CaptureFailureReason;
import io.antpath.cleanup.entity.CleanupOutcome;
import io.antpath.cleanup.entity.CleanupStep;
import io.antpath.identity.entity.UserStatus;
import io.antpath.provider.entity.ResourceKind;
import io.antpath.provider.entity.ResourceState;
import io.antpath.run.entity.AttemptOutcome;
import io.antpath.run.entity.CleanupStatus;
import io.antpath.run.entity.FailureClass;
import io.antpath.run.entity.RunStatus;
import io.antpath.workspace.entity.WorkspaceStatus;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's enums spell their values on the wire as their JPA converters store them (lower-case
 * names), and {@code fromWire} reads back exactly that spelling and nothing else.
 */
class EnumWireTest {
  record Vocabulary<E extends Enum<E>>(
      E[] values,
      Function<E, String> wire,
      Function<String, E> fromWire,
      LowerCaseEnumConverter<E> converter) {
    void check() {
      for (E value : values) {
        String w = wire.apply(value);
        assertThat(w).isEqualTo(converter.convertToDatabaseColumn(value));
        assertThat(w).isEqualTo(value.name().toLowerCase(Locale.ROOT));
        assertThat(fromWire.apply(w)).isSameAs(value);
        assertThatThrownBy(() -> fromWire.apply(value.name()))
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThatThrownBy(() -> fromWire.apply("no_such_value"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> fromWire.apply(null)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  static Stream<Arguments> vocabularies() {
    return Stream.of(
        Arguments.of(
            "RunStatus",
            new Vocabulary<>(
                RunStatus.values(),
                RunStatus::wire,
                RunStatus::fromWire,
                new RunStatus.Converter())),
        Arguments.of(
            "CleanupStatus",
            new Vocabulary<>(
                CleanupStatus.values(),
                CleanupStatus::wire,
                CleanupStatus::fromWire,
                new CleanupStatus.Converter())),
        Arguments.of(
            "AttemptOutcome",
            new Vocabulary<>(
                AttemptOutcome.values(),
                AttemptOutcome::wire,
                AttemptOutcome::fromWire,
                new AttemptOutcome.Converter())),
        Arguments.of(
            "FailureClass",
            new Vocabulary<>(
                FailureClass.values(),
                FailureClass::wire,
                FailureClass::fromWire,
                new FailureClass.Converter())),
        Arguments.of(
            "CleanupStep",
            new Vocabulary<>(
                CleanupStep.values(),
                CleanupStep::wire,
                CleanupStep::fromWire,
                new CleanupStep.Converter())),
        Arguments.of(
            "CleanupOutcome",
            new Vocabulary<>(
                CleanupOutcome.values(),
                CleanupOutcome::wire,
                CleanupOutcome::fromWire,
                new CleanupOutcome.Converter())),
        Arguments.of(
            "ResourceKind",
            new Vocabulary<>(
                ResourceKind.values(),
                ResourceKind::wire,
                ResourceKind::fromWire,
                new ResourceKind.Converter())),
        Arguments.of(
            "ResourceState",
            new Vocabulary<>(
                ResourceState.values(),
                ResourceState::wire,
                ResourceState::fromWire,
                new ResourceState.Converter())),
        Arguments.of(
            "CaptureFailureReason",
            new Vocabulary<>(
                CaptureFailureReason.values(),
                CaptureFailureReason::wire,
                CaptureFailureReason::fromWire,
                new CaptureFailureReason.Converter())),
        Arguments.of(
            "WorkspaceStatus",
            new Vocabulary<>(
                WorkspaceStatus.values(),
                WorkspaceStatus::wire,
                WorkspaceStatus::fromWire,
                new WorkspaceStatus.Converter())),
        Arguments.of(
            "UserStatus",
            new Vocabulary<>(
                UserStatus.values(),
                UserStatus::wire,
                UserStatus::fromWire,
                new UserStatus.Converter())),
        Arguments.of(
            "AuditOutcome",
            new Vocabulary<>(
                AuditOutcome.values(),
                AuditOutcome::wire,
                AuditOutcome::fromWire,
                new AuditOutcome.Converter())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vocabularies")
  void wireIsTheStoredSpellingAndFromWireReadsOnlyIt(String name, Vocabulary<?> vocabulary) {
    vocabulary.check();
  }
}
