import { randomUUID } from 'node:crypto';
import { seededRandom } from './seeded-random';

/** The parts of an OpenAPI 3 document the fuzzer reads. */
export interface OpenApiDocument {
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}
interface OpenApiOperation {
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: JsonSchema; $ref?: string }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  default?: unknown;
}

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

export interface FuzzRequest {
  method: HttpMethod;
  /** The operation's path template, e.g. /api/v1/tasks/{id}. */
  template: string;
  url: string;
  /** Which mutation produced the request, for the failure message. */
  label: string;
  authenticated: boolean;
  headers: Record<string, string>;
  rawBody?: string;
}

/** Values no field should choke on: each is hostile in a different way. */
const HOSTILE_VALUES: Array<[string, unknown]> = [
  ['NUL', 'a\u0000b'],
  ['lone surrogate', 'x\ud800'],
  ['huge string', 'x'.repeat(70_000)],
  ['long string', 'y'.repeat(5_000)],
  ['empty string', ''],
  ['whitespace', ' \t\n'],
  ['path traversal', '../../../etc/passwd'],
  ['option injection', '--upload-pack=touch /tmp/pwned'],
  ['SQL', "' OR '1'='1"],
  ['huge number', 1e308],
  ['negative number', -1],
  ['fraction', 0.5],
  ['unsafe integer', Number.MAX_SAFE_INTEGER + 2],
  ['boolean', true],
  ['null', null],
  ['array', [1, 'two', null]],
  ['object', { nested: { deeper: ['x'] } }],
  ['deep nesting', deepNesting(40)],
  ['prototype key', JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}') as unknown],
];

const HOSTILE_SEGMENTS = [
  'not-a-uuid',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  'a'.repeat(3_000),
  '-1',
  '1e309',
  '%F0%28%8C%28',
  "1'%20OR%20'1'='1",
];
const HOSTILE_QUERY = ['%00', '-1', '99999999999999999999', 'abc', '%ud800', '1e309', 'a'.repeat(3_000), '[]', 'true'];

/**
 * Builds requests for every operation of the document: a plausible valid request, requests with
 * each path parameter, query parameter and body property replaced by hostile values, whole-body
 * replacements and an unauthenticated call. Deterministic for a seed, so a failure reproduces.
 */
export function hostileRequests(
  document: OpenApiDocument,
  options: { seed: number; perOperation: number },
): FuzzRequest[] {
  const random = seededRandom(options.seed);
  const resolve = (schema: JsonSchema | undefined): JsonSchema => resolveRef(document, schema);
  const requests: FuzzRequest[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const params = operation.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const queryParams = params.filter((p) => p.in === 'query');
      const bodySchema = resolve(operation.requestBody?.content?.['application/json']?.schema);
      // Identifiers are UUIDs throughout the API, whether or not the document says so.
      const validPath = () =>
        Object.fromEntries(
          pathParams.map((p) => [
            p.name,
            /id$/i.test(p.name) ? randomUUID() : String(validValue(resolve(p.schema), resolve)),
          ]),
        );
      const validBody = operation.requestBody ? validValue(bodySchema, resolve) : undefined;
      const candidates: FuzzRequest[] = [];
      const make = (
        label: string,
        path: Record<string, string>,
        query: string,
        body: unknown,
        extra: Partial<FuzzRequest> = {},
      ): FuzzRequest => ({
        method,
        template,
        label,
        authenticated: true,
        headers: {},
        url:
          template.replace(/\{([^}]+)\}/g, (_m, name: string) => path[name] ?? randomUUID()) +
          (query ? `?${query}` : ''),
        ...(body === undefined ? {} : { rawBody: JSON.stringify(body) }),
        ...extra,
      });

      candidates.push(make('valid', validPath(), '', validBody));
      candidates.push(make('unauthenticated', validPath(), '', validBody, { authenticated: false }));
      for (const param of pathParams) {
        for (const segment of HOSTILE_SEGMENTS)
          candidates.push(
            make(
              `path ${param.name}=${segment.slice(0, 20)}`,
              { ...validPath(), [param.name]: segment },
              '',
              validBody,
            ),
          );
      }
      for (const param of queryParams) {
        for (const value of HOSTILE_QUERY)
          candidates.push(
            make(
              `query ${param.name}=${value.slice(0, 20)}`,
              validPath(),
              `${encodeURIComponent(param.name)}=${value}`,
              validBody,
            ),
          );
        candidates.push(make(`query ${param.name} twice`, validPath(), `${param.name}=a&${param.name}=b`, validBody));
        candidates.push(make(`query ${param.name}[]`, validPath(), `${param.name}[x]=1`, validBody));
      }
      if (operation.requestBody || method !== 'get') {
        for (const [label, body] of [
          ['empty object', {}],
          ['null', null],
          ['array', []],
          ['string', 'text'],
          ['number', 42],
          ['unknown field', { ...asObject(validBody), unexpected: 'x' }],
        ] as Array<[string, unknown]>) {
          candidates.push(make(`body ${label}`, validPath(), '', body));
        }
        candidates.push(make('body not JSON', validPath(), '', undefined, { rawBody: '{"a":' }));
        candidates.push(
          make('body mislabelled gzip', validPath(), '', validBody ?? {}, { headers: { 'content-encoding': 'gzip' } }),
        );
        for (const property of Object.keys(bodySchema.properties ?? {})) {
          for (const [label, value] of HOSTILE_VALUES)
            candidates.push(
              make(`body.${property} ${label}`, validPath(), '', { ...asObject(validBody), [property]: value }),
            );
          const nested = resolve(bodySchema.properties?.[property]);
          for (const inner of Object.keys(nested.properties ?? {})) {
            for (const [label, value] of HOSTILE_VALUES) {
              candidates.push(
                make(`body.${property}.${inner} ${label}`, validPath(), '', {
                  ...asObject(validBody),
                  [property]: { ...asObject(validValue(nested, resolve)), [inner]: value },
                }),
              );
            }
          }
        }
      }
      // The valid and unauthenticated calls always run; the rest is a seeded sample.
      const [valid, anonymous, ...rest] = candidates;
      requests.push(valid, anonymous, ...sample(rest, options.perOperation - 2, random));
    }
  }
  return requests;
}

/** A value the schema accepts, as far as the fuzzer can tell; good enough to get past the first check. */
function validValue(schema: JsonSchema, resolve: (schema: JsonSchema | undefined) => JsonSchema, depth = 0): unknown {
  if (depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return validValue(resolve(variants[0]), resolve, depth + 1);
  if (schema.allOf?.length)
    return Object.assign({}, ...schema.allOf.map((part) => asObject(validValue(resolve(part), resolve, depth + 1))));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const key of schema.required ?? [])
        object[key] = validValue(resolve(schema.properties?.[key]), resolve, depth + 1);
      return object;
    }
    case 'array':
      return [validValue(resolve(schema.items), resolve, depth + 1)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'uri') return 'https://example.com/v1';
      return 'a'.repeat(Math.max(schema.minLength ?? 1, 1)).replace(/^a{3}/, 'abc');
    default:
      return 'a';
  }
}

function resolveRef(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    return document.components?.schemas?.[name] ?? {};
  }
  return schema;
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function deepNesting(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { level: value };
  return value;
}

function sample<T>(items: T[], count: number, random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, Math.max(count, 0));
}
