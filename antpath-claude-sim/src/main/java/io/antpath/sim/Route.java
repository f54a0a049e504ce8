package io.antpath.sim;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One endpoint: method, path pattern, the beta header it requires, and what answers it. */
record Route(String method, Pattern path, String beta, Route.Handler handler) {
  @FunctionalInterface
  interface Handler {
    void handle(Call call, Matcher m) throws IOException;
  }

  static Route of(String method, String path, String beta, Handler handler) {
    return new Route(method, Pattern.compile(path), beta, handler);
  }
}
