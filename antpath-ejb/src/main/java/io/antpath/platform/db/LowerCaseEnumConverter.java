package io.antpath.platform.db;

import jakarta.persistence.AttributeConverter;
import java.util.Locale;

/**
 * Stores an enum as its lower-case name ({@code TIMED_OUT} ↔ {@code timed_out}), the form the
 * schema's CHECK constraints list. Each enum declares a one-line {@code @Converter(autoApply =
 * true)} subclass.
 */
public abstract class LowerCaseEnumConverter<E extends Enum<E>>
    implements AttributeConverter<E, String> {
  private final Class<E> type;

  protected LowerCaseEnumConverter(Class<E> type) {
    this.type = type;
  }

  @Override
  public String convertToDatabaseColumn(E value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public E convertToEntityAttribute(String code) {
    return code == null ? null : Enum.valueOf(type, code.toUpperCase(Locale.ROOT));
  }
}
