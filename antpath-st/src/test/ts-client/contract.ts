// Drives the whole antpath API through a client generated from docs/openapi.json
// (openapi-typescript types, openapi-fetch calls), with no type assertion and no escape
// from the type system: if the document stops describing the API truthfully, this file
// stops compiling (tsc, strict) or this program exits 1 naming the step that went wrong.
// Environment: ANTPATH_BASE_URL (the server, or a proxy in front of it) and
// ANTPATH_API_TOKEN (a token of the workspace with every scope).
import { createHash, randomUUID } from "node:crypto";
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

type Problem = components["schemas"]["Problem"];
type RunView = components["schemas"]["RunView"];
type RunStatus = RunView["status"];
type RunSubmission = components["schemas"]["RunSubmission"];
type Client = ReturnType<typeof createClient<paths>>;

const TERMINAL: ReadonlySet<RunStatus> = new Set<RunStatus>(["succeeded", "failed", "timed_out", "canceled"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

class ContractFailure extends Error {}

function fail(step: string, what: string): never {
  throw new ContractFailure(`${step}: ${what}`);
}

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    return fail("setup", `environment variable ${name} is not set`);
  }
  return value;
}

/** The body of a success answer with the expected status; anything else fails the step. */
function ok<T>(step: string, expected: number, answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.response.status !== expected) {
    return fail(step, `expected HTTP ${expected}, got ${answer.response.status}: ${JSON.stringify(answer.error)}`);
  }
  if (answer.data === undefined) {
    return fail(step, `HTTP ${expected} without a body`);
  }
  return answer.data;
}

/** A documented problem answer: the status, its application/problem+json body and its code. */
function problem(
  step: string,
  expected: number,
  code: string,
  answer: { error?: Problem; response: Response },
): Problem {
  const { error, response } = answer;
  if (response.status !== expected) {
    return fail(step, `expected HTTP ${expected} (${code}), got ${response.status}`);
  }
  const type = response.headers.get("Content-Type") ?? "";
  if (!type.startsWith("application/problem+json")) {
    return fail(step, `expected application/problem+json, got "${type}"`);
  }
  if (error === undefined) {
    return fail(step, "a problem answer without a body");
  }
  if (error.status !== expected || error.code !== code || typeof error.requestId !== "string" || typeof error.title !== "string") {
    return fail(step, `unexpected problem document ${JSON.stringify(error)}`);
  }
  if (response.headers.get("X-Request-Id") !== error.requestId) {
    return fail(step, "the problem's requestId is not the X-Request-Id header");
  }
  return error;
}

function check(step: string, condition: boolean, what: string): void {
  if (!condition) {
    fail(step, what);
  }
}

function uuid(step: string, value: string): string {
  check(step, UUID.test(value), `"${value}" is not a UUID`);
  return value;
}

function instant(step: string, value: string): Date {
  const parsed = new Date(value);
  check(step, !Number.isNaN(parsed.getTime()), `"${value}" is not a date-time`);
  return parsed;
}

function submission(tag: string, stepMs = 20): RunSubmission {
  return {
    agent: { model: "claude-sonnet-4-5" },
    input: "Write notes.md",
    timeoutSeconds: 300,
    metadata: { "sim.step-ms": String(stepMs), "sim.files": "notes.md:300", contract: tag },
    secrets: { anthropicApiKey: `sk-ant-contract-${randomUUID()}` },
  };
}

function client(baseUrl: string, token: string): Client {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
}

async function tokens(api: Client, baseUrl: string): Promise<void> {
  const created = ok(
    "createToken",
    201,
    await api.POST("/api/v1/tokens", { body: { name: "ts-contract", scopes: ["runs:read"] } }),
  );
  const secret: string = created.token;
  check("createToken", secret.startsWith("apt_"), "the secret does not start with apt_");
  const id = uuid("createToken", created.id);
  const one = ok("getToken", 200, await api.GET("/api/v1/tokens/{id}", { params: { path: { id } } }));
  check("getToken", one.name === "ts-contract" && one.scopes.includes("runs:read"), "wrong token");
  const list = ok("listTokens", 200, await api.GET("/api/v1/tokens"));
  check("listTokens", list.items.some((t) => t.id === id), "the new token is not listed");
  const asNew = client(baseUrl, secret);
  ok("getWorkspace with the new token", 200, await asNew.GET("/api/v1/workspace"));
  const revoked = await api.DELETE("/api/v1/tokens/{id}", { params: { path: { id } } });
  check("revokeToken", revoked.response.status === 204, `expected HTTP 204, got ${revoked.response.status}`);
  problem("a revoked token", 401, "invalid_token", await asNew.GET("/api/v1/workspace"));
}

async function terminal(api: Client, id: string): Promise<RunView> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const run = ok("getRun", 200, await api.GET("/api/v1/runs/{id}", { params: { path: { id } } }));
    if (TERMINAL.has(run.status)) {
      return run;
    }
    check("getRun", Date.now() < deadline, `run ${id} still ${run.status} after 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function outputs(api: Client, workspaceId: string, id: string): Promise<void> {
  const all = ok("listRunOutputs", 200, await api.GET("/api/v1/runs/{id}/outputs", { params: { path: { id } } }));
  check("listRunOutputs", all.failures.length === 0, `failures: ${JSON.stringify(all.failures)}`);
  const notes = all.outputs.find((o) => o.filename === "notes.md");
  if (notes === undefined) {
    return fail("listRunOutputs", `no notes.md in ${JSON.stringify(all.outputs)}`);
  }
  const outputId = uuid("listRunOutputs", notes.id);
  const link = ok(
    "createOutputLink",
    200,
    await api.POST("/api/v1/runs/{id}/outputs/{outputId}/link", { params: { path: { id, outputId } } }),
  );
  check("createOutputLink", instant("createOutputLink", link.expiresAt).getTime() > Date.now(), "already expired");
  const url = new URL(link.url);
  check("createOutputLink", url.pathname === `/api/v1/downloads/${workspaceId}/${outputId}`, `link ${url.pathname}`);
  const expires = Number(url.searchParams.get("expires"));
  const signature = url.searchParams.get("signature");
  check("createOutputLink", Number.isSafeInteger(expires) && signature !== null, `link query ${url.search}`);
  const query = { expires, signature: signature ?? "" };
  const path = { workspaceId, outputId };

  const whole = ok(
    "downloadOutput",
    200,
    await api.GET("/api/v1/downloads/{workspaceId}/{outputId}", { params: { path, query }, parseAs: "arrayBuffer" }),
  );
  check("downloadOutput", whole.byteLength === notes.sizeBytes, `${whole.byteLength} bytes, not ${notes.sizeBytes}`);
  const sha256 = createHash("sha256").update(new Uint8Array(whole)).digest("hex");
  check("downloadOutput", sha256 === notes.sha256, `sha256 ${sha256}, not ${notes.sha256}`);

  const part = ok(
    "downloadOutput with a range",
    206,
    await api.GET("/api/v1/downloads/{workspaceId}/{outputId}", {
      params: { path, query, header: { Range: "bytes=0-9" } },
      parseAs: "blob",
    }),
  );
  check("downloadOutput with a range", part.size === 10, `${part.size} bytes, not 10`);
  const head = Buffer.from(await part.arrayBuffer());
  check("downloadOutput with a range", head.equals(Buffer.from(whole, 0, 10)), "not the file's first 10 bytes");

  problem(
    "downloadOutput past the end",
    416,
    "range_not_satisfiable",
    await api.GET("/api/v1/downloads/{workspaceId}/{outputId}", {
      params: { path, query, header: { Range: "bytes=999999-" } },
      parseAs: "arrayBuffer",
    }),
  );
}

async function main(): Promise<void> {
  const baseUrl = env("ANTPATH_BASE_URL");
  const api = client(baseUrl, env("ANTPATH_API_TOKEN"));
  const started = new Date(Date.now() - 60_000).toISOString();
  const tag = randomUUID();

  const info = ok("getServiceInfo", 200, await api.GET("/api/v1"));
  check("getServiceInfo", info.apiVersion.length > 0 && info.version.length > 0, JSON.stringify(info));
  const workspace = ok("getWorkspace", 200, await api.GET("/api/v1/workspace"));
  const workspaceId = uuid("getWorkspace", workspace.id);
  check("getWorkspace", workspace.status === "active", `status ${workspace.status}`);
  check("getWorkspace", workspace.caps.maxRunTimeoutSeconds >= 300, `caps ${JSON.stringify(workspace.caps)}`);

  await tokens(api, baseUrl);

  const key = `idem-${randomUUID()}`;
  const create = { body: submission(tag), params: { header: { "Idempotency-Key": key } } };
  const created = ok("createRun", 201, await api.POST("/api/v1/runs", create));
  const id = uuid("createRun", created.id);
  check("createRun", created.metadata["contract"] === tag, `metadata ${JSON.stringify(created.metadata)}`);
  const replay = await api.POST("/api/v1/runs", create);
  const replayed = ok("createRun replayed", 200, replay);
  check("createRun replayed", replayed.id === id, `a new run ${replayed.id}`);
  check("createRun replayed", replay.response.headers.get("Idempotent-Replayed") === "true", "no Idempotent-Replayed: true");

  const second = ok("createRun (to cancel)", 201, await api.POST("/api/v1/runs", { body: submission(tag, 500) }));
  const canceled = ok(
    "cancelRun",
    200,
    await api.POST("/api/v1/runs/{id}/cancel", { params: { path: { id: second.id } } }),
  );
  check("cancelRun", canceled.cancelRequestedAt !== undefined, "no cancelRequestedAt");

  const done = await terminal(api, id);
  check("getRun", done.status === "succeeded", `run ended ${done.status}: ${JSON.stringify(done.failure)}`);
  check("getRun", done.finishedAt !== undefined && instant("getRun", done.createdAt) <= new Date(), "timestamps");

  const filter = { limit: 1, metadata: `contract:${tag}`, createdFrom: started };
  const first = ok("listRuns", 200, await api.GET("/api/v1/runs", { params: { query: filter } }));
  check("listRuns", first.items.length === 1, `${first.items.length} items, not 1`);
  const cursor = first.nextCursor;
  if (cursor === undefined) {
    return fail("listRuns", "two runs match but no nextCursor after the first");
  }
  const next = ok("listRuns with a cursor", 200, await api.GET("/api/v1/runs", { params: { query: { ...filter, cursor } } }));
  const both = new Set([...first.items, ...next.items].map((r) => r.id));
  check("listRuns with a cursor", both.size === 2 && both.has(id) && both.has(second.id), `pages ${[...both].join(",")}`);
  const succeeded = ok(
    "listRuns by status",
    200,
    await api.GET("/api/v1/runs", { params: { query: { status: "succeeded", metadata: `contract:${tag}` } } }),
  );
  // The canceled run may still have succeeded if it finished before the cancel took effect.
  check(
    "listRuns by status",
    succeeded.items.some((r) => r.id === id) && succeeded.items.every((r) => r.status === "succeeded"),
    `not the succeeded runs: ${succeeded.items.map((r) => `${r.id} ${r.status}`).join(", ")}`,
  );

  const events = ok(
    "listRunEvents",
    200,
    await api.GET("/api/v1/runs/{id}/events", { params: { path: { id }, query: { limit: 5 } } }),
  );
  check("listRunEvents", events.items.length > 0 && events.items.length <= 5, `${events.items.length} events`);
  const stream = ok(
    "streamRunEvents",
    200,
    await api.GET("/api/v1/runs/{id}/events/stream", { params: { path: { id } }, parseAs: "text" }),
  );
  check("streamRunEvents", stream.includes("run.status"), "no run.status event in the finished stream");

  await outputs(api, workspaceId, id);

  problem(
    "cancelRun of a finished run",
    409,
    "run_terminal",
    await api.POST("/api/v1/runs/{id}/cancel", { params: { path: { id } } }),
  );
  const deleted = ok("deleteRun", 202, await api.DELETE("/api/v1/runs/{id}", { params: { path: { id } } }));
  check("deleteRun", deleted.deleteRequestedAt !== undefined, "no deleteRequestedAt");

  problem("getRun of an unknown run", 404, "not_found", await api.GET("/api/v1/runs/{id}", { params: { path: { id: randomUUID() } } }));
  problem(
    "createRun with a timeout past the workspace's cap",
    400,
    "invalid_request",
    await api.POST("/api/v1/runs", { body: { ...submission(tag), timeoutSeconds: 1_000_000 } }),
  );
  problem("an unknown token", 401, "invalid_token", await client(baseUrl, "apt_nope").GET("/api/v1/workspace"));
  console.log(`contract: every step answered as documented (run ${id})`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ContractFailure ? `contract failed at ${e.message}` : e);
  process.exit(1);
});
