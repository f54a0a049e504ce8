package io.antpath.web.platform;

import io.antpath.access.entity.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Guards every JSON request body before a reader binds it: at most {@link #MAX_BYTES} bytes (413),
 * a JSON object at the top (every operation takes one), nesting at most {@link #MAX_DEPTH} deep,
 * and no string or member name with U+0000 or an unpaired surrogate (PostgreSQL stores neither).
 * The check runs on the streaming parser, which keeps its nesting on the heap, so a body nested
 * 10,000 deep costs a loop, not the stack; the size limit is enforced while reading.
 */
@Provider
public class JsonBodyGuard implements ReaderInterceptor {
  /** A 1 MB prompt escaped as {@code \\uXXXX} plus a 200 k system prompt still fits. */
  public static final int MAX_BYTES = 8 * 1024 * 1024;

  public static final int MAX_DEPTH = 32;

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    if (!isJson(context.getMediaType()) || context.getType() == InputStream.class) {
      return context.proceed();
    }
    byte[] body = readBounded(context.getInputStream());
    if (body.length > 0) {
      check(body);
    }
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }

  private static boolean isJson(MediaType type) {
    return type != null
        && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
            || type.getSubtype().endsWith("+json"));
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BYTES + 1);
    if (body.length > MAX_BYTES) {
      throw new BodyTooLargeException(MAX_BYTES);
    }
    return body;
  }

  /** Validates the whole body; throws a 400 naming the rule it broke. */
  static void check(byte[] body) {
    try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
      int depth = 0;
      boolean first = true;
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        if (first && event != JsonParser.Event.START_OBJECT) {
          throw new InvalidRequestException("the request body must be a JSON object");
        }
        first = false;
        switch (event) {
          case START_OBJECT, START_ARRAY -> {
            if (++depth > MAX_DEPTH) {
              throw new InvalidRequestException(
                  "the request body is nested more than " + MAX_DEPTH + " levels deep");
            }
          }
          case END_OBJECT, END_ARRAY -> depth--;
          case KEY_NAME, VALUE_STRING ->
              TextRules.requireStorable(parser.getString(), "a string in the request body");
          default -> {}
        }
      }
    } catch (jakarta.json.JsonException e) {
      throw new InvalidRequestException("the request body is not valid JSON (" + position(e) + ")");
    }
  }

  private static String position(RuntimeException e) {
    if (e instanceof JsonParsingException p && p.getLocation() != null) {
      return "at line "
          + p.getLocation().getLineNumber()
          + ", column "
          + p.getLocation().getColumnNumber();
    }
    return "malformed";
  }
}
