package io.antpath.sdk.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Not API: builds the SDK's objects whose constructors are deliberately not public (services,
 * pages), so that users cannot build half-wired ones and they can change without breaking anyone.
 */
public final class Internal {
  private Internal() {}

  /** Calls the non-public constructor of {@code type} taking {@code parameterTypes}. */
  public static <T> T construct(Class<T> type, Class<?>[] parameterTypes, Object... args) {
    try {
      Constructor<T> c = type.getDeclaredConstructor(parameterTypes);
      c.setAccessible(true);
      return c.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("antpath-sdk is built wrongly: " + type.getName(), e);
    }
  }
}
