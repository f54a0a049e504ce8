package io.antpath.web.token;

import io.antpath.access.entity.Scope;
import io.antpath.token.boundary.ApiTokens;
import io.antpath.token.entity.ApiToken;
import io.antpath.web.platform.CallerContext;
import io.antpath.web.platform.PathIds;
import io.antpath.web.platform.QueryParams;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/tokens}: the workspace's API tokens (scope {@code tokens:admin}). */
@Path("tokens")
@Tag(name = "tokens", description = "API tokens of the workspace (scope tokens:admin).")
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {
  @Inject CallerContext caller;
  @Inject ApiTokens tokens;

  /** Body of {@code POST /tokens}. */
  public record CreateTokenRequest(String name, List<String> scopes, Instant expiresAt) {}

  /** A token as listed: never its secret. */
  public record TokenView(
      UUID id,
      String name,
      String prefix,
      List<String> scopes,
      UUID createdBy,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt,
      Instant revokedAt) {
    static TokenView of(ApiToken t) {
      return new TokenView(
          t.getId(),
          t.getName(),
          t.getTokenPrefix(),
          t.getScopes().stream().map(Scope::code).toList(),
          t.getCreatedByUserId(),
          t.getCreatedAt(),
          t.getExpiresAt().orElse(null),
          t.getLastUsedAt().orElse(null),
          t.getRevokedAt().orElse(null));
    }
  }

  /** The answer to {@code POST /tokens}: the only response that ever contains {@code token}. */
  public record CreatedTokenView(
      UUID id,
      String name,
      String prefix,
      List<String> scopes,
      Instant createdAt,
      Instant expiresAt,
      String token) {}

  /** {@code GET /tokens}. */
  public record TokenList(List<TokenView> items) {}

  @GET
  @Operation(
      summary = "List tokens",
      description = "The workspace's tokens, newest first, never their secrets.")
  public TokenList list() {
    return new TokenList(tokens.list(caller.get()).stream().map(TokenView::of).toList());
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Get a token", description = "One token of the workspace, never its secret.")
  public TokenView get(@PathParam("id") String id) {
    return TokenView.of(tokens.get(caller.get(), PathIds.parse(id, "token")));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a token",
      description =
          "Creates a token with at most the scopes the calling token has. The secret (token) is in"
              + " this response only; antpath stores a hash. Audited and rate-limited.")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names the token.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CreatedTokenView.class)))
  public Response create(CreateTokenRequest body, @jakarta.ws.rs.core.Context UriInfo uri) {
    if (body == null) {
      throw new io.antpath.access.entity.InvalidRequestException(
          "a JSON body {name, scopes, expiresAt?} is required");
    }
    if (body.expiresAt() != null
        && (body.expiresAt().isBefore(QueryParams.MIN_INSTANT)
            || body.expiresAt().isAfter(QueryParams.MAX_INSTANT))) {
      throw new io.antpath.access.entity.InvalidRequestException(
          "expiresAt: an ISO-8601 instant, years 1-9999");
    }
    if (body.scopes() != null && body.scopes().contains(null)) {
      throw new io.antpath.access.entity.InvalidRequestException("scopes: strings only");
    }
    ApiTokens.CreatedToken created =
        tokens.create(caller.get(), body.name(), body.scopes(), body.expiresAt());
    ApiToken t = created.token();
    URI location = uri.getAbsolutePathBuilder().path(t.getId().toString()).build();
    return Response.created(location)
        .entity(
            new CreatedTokenView(
                t.getId(),
                t.getName(),
                t.getTokenPrefix(),
                t.getScopes().stream().map(Scope::code).toList(),
                t.getCreatedAt(),
                t.getExpiresAt().orElse(null),
                created.secret()))
        .build();
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Revoke a token",
      description = "The very next request with the token answers 401. Audited and rate-limited.")
  @APIResponse(responseCode = "204", description = "Revoked (or already revoked).")
  public Response revoke(@PathParam("id") String id) {
    tokens.revoke(caller.get(), PathIds.parse(id, "token"));
    return Response.noContent().build();
  }
}
