// The OpenAPI 3.1 document served at /openapi.json, generated from the routes' zod schemas (contract.ts):
// JSON Schema 2020-12 by zod itself, which is what OpenAPI 3.1 takes as its schema objects.
import { z } from 'zod/v4';
import { namedAnswerSchemas, namedRequestSchemas, routes, type Access, type Answer, type RouteContract } from './contract.ts';

type JsonSchema = z.core.JSONSchema.BaseSchema;

const COMPONENT = '#/components/schemas/';

/** A date-time says what it is by its format; the regular expression zod checks it with only adds noise. */
function leaveOutTimePatterns({ jsonSchema }: { jsonSchema: JsonSchema }): void {
  if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
}

/**
 * Writes zod schemas as JSON Schema, a named one as a reference to its component. `refs` holds, per
 * named schema, its reference (`#/components/schemas/<name>`): zod writes it wherever the schema is used.
 */
class SchemaWriter {
  constructor(
    private readonly refs: z.core.$ZodRegistry<{ id: string }>,
    private readonly io: 'input' | 'output',
  ) {}

  /** `top`: the schema itself even when it is named (a component's own definition). */
  write(schema: z.ZodType, top = false): JsonSchema {
    const ref = this.refs.get(schema)?.id;
    if (!top && ref) return { $ref: ref };
    // A generator remembers what it wrote; one per schema keeps each output to its own schema.
    const generator = new z.core.JSONSchemaGenerator({ target: 'draft-2020-12', io: this.io, override: leaveOutTimePatterns });
    generator.process(schema);
    const shared: Record<string, JsonSchema> = {};
    const { $schema: _dialect, ...json } = generator.emit(schema, { external: { registry: this.refs, defs: shared } });
    const own = generator.seen.get(schema)?.defId;
    // Only a recursive schema would need definitions beside itself, and none of ours is.
    if (Object.keys(shared).some((id) => id !== own)) throw new Error(`a schema of the API needs shared definitions (${Object.keys(shared).join(', ')}): name the schema it repeats`);
    return json;
  }
}

const KEYED = [{ bearer: [] }, { apiKey: [] }];
const SECURITY: Record<Access, object[] | undefined> = { public: undefined, key: KEYED, 'key once configured': [{}, ...KEYED] };

/** `/v1/services/:id/signal` as OpenAPI writes it: `/v1/services/{id}/signal`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function parameters(where: 'path' | 'query', schema: z.ZodObject | undefined, requests: SchemaWriter): object[] {
  if (!schema) return [];
  const { properties = {}, required = [] } = requests.write(schema);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = typeof property === 'object' ? property : {};
    return { name, in: where, ...(where === 'path' || required.includes(name) ? { required: true } : {}), ...(description ? { description } : {}), schema: rest };
  });
}

function response(answer: Answer, answers: SchemaWriter): object {
  const content =
    answer.text ? { [answer.text]: { schema: { type: 'string' } } }
    : answer.schema ? { 'application/json': { schema: answers.write(answer.schema) } }
    : undefined;
  return {
    description: answer.description,
    ...(answer.retryAfter ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } } } : {}),
    ...(content ? { content } : {}),
  };
}

function operation(route: RouteContract, requests: SchemaWriter, answers: SchemaWriter): object {
  const security = SECURITY[route.access];
  const params = [...parameters('path', route.params, requests), ...parameters('query', route.query, requests)];
  return {
    summary: route.summary,
    ...(security ? { security } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: requests.write(route.body) } } } } : {}),
    responses: Object.fromEntries(Object.entries(route.answers).map(([status, answer]) => [status, response(answer, answers)])),
  };
}

export function buildOpenApiDocument(contract: RouteContract[] = routes): object {
  const refs = z.registry<{ id: string }>();
  for (const [name, schema] of [...Object.entries(namedRequestSchemas), ...Object.entries(namedAnswerSchemas)]) refs.add(schema, { id: `${COMPONENT}${name}` });
  const requests = new SchemaWriter(refs, 'input');
  const answers = new SchemaWriter(refs, 'output');
  const paths: Record<string, Record<string, object>> = {};
  for (const route of contract) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, requests, answers) };
  }
  const components = {
    ...Object.fromEntries(Object.entries(namedRequestSchemas).map(([id, schema]) => [id, requests.write(schema, true)])),
    ...Object.fromEntries(Object.entries(namedAnswerSchemas).map(([id, schema]) => [id, answers.write(schema, true)])),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'outage-radar',
      version: '1',
      description:
        'Outages of online services found in public social-media posts, per service and region. ' +
        "Times are event times (the posts' createdAt), bucketed by minute. Errors are JSON: {\"error\": {\"code\", \"message\", \"field\", \"requestId\"}}. " +
        'Every answer carries X-Request-Id (a sane one sent by the client is kept).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A key of API_KEY (every scope) or API_KEYS with the scope the route needs (ingest, reports, admin; read when READ_REQUIRES_KEY is set)' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
      schemas: components,
    },
    paths,
  };
}

export const openApiDocument = buildOpenApiDocument();
