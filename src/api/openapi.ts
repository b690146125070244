// The OpenAPI 3 description of the HTTP API, served at /openapi.json. Keep in step with app.ts and docs/api.md.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });

const isoOrMs = { type: 'string', description: 'ISO 8601 time or epoch milliseconds' };
const serviceId = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Service id from /v1/services' };
const bad = errorResponse('A parameter or the body is invalid; `error.field` names it');
const limited = {
  description: 'Too many requests',
  headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } },
  content: json(ref('Error')),
};

const evidence = {
  type: 'object',
  properties: {
    complaints: { type: 'integer' },
    baseline: { type: 'number' },
    pValue: { type: 'number' },
    distinctAuthors: { type: 'integer' },
    complaintShare: { type: 'number' },
    negativeShare: { type: 'number' },
    regions: { type: 'array', items: { type: 'string' } },
    languages: { type: 'array', items: { type: 'string' } },
    topSymptoms: { type: 'array', items: { type: 'string' } },
    newsMentions: { type: 'integer' },
    horizon: {
      type: 'object',
      description: 'The recent horizon the confidence rests on (absent when none was surprising)',
      properties: { buckets: { type: 'integer' }, complaints: { type: 'integer' }, voices: { type: 'integer' }, expected: { type: 'number' } },
    },
  },
};

const regionConfidence = {
  type: 'object',
  required: ['region', 'confidence', 'complaints', 'baseline'],
  properties: {
    region: { type: 'string', description: 'ISO 3166-1 alpha-2, ZZ (unknown) or GLOBAL' },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    complaints: { type: 'integer' },
    baseline: { type: 'number' },
    horizon: { type: 'object', description: "The evidence behind the confidence: the recent horizon's buckets, complaints, voices and expected complaints" },
  },
};

export const openApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'outage-radar',
    version: '1',
    description:
      'Outages of online services found in public social-media posts, per service and region. ' +
      'Times are event times (the posts\' createdAt), bucketed by minute. Errors are JSON: {"error": {"code", "message", "field", "requestId"}}. ' +
      'Every answer carries X-Request-Id (a sane one sent by the client is kept).',
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'A key of API_KEY (every scope) or API_KEYS with the scope the route needs (ingest, reports, admin; read when READ_REQUIRES_KEY is set)' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              field: { type: 'string' },
              requestId: { type: 'string', description: 'The X-Request-Id of the answer: the id under which the logs know the request' },
            },
          },
        },
      },
      Evidence: evidence,
      RegionConfidence: regionConfidence,
      ServiceStatus: {
        type: 'object',
        required: ['id', 'name', 'status', 'confidence', 'regions'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          status: { type: 'string', enum: ['ok', 'degraded', 'outage'] },
          confidence: { type: 'number' },
          regions: { type: 'array', items: { type: 'string' } },
          since: { type: 'string', format: 'date-time' },
        },
      },
      Outage: {
        type: 'object',
        required: ['service', 'name', 'confidence', 'at', 'regions', 'evidence'],
        properties: {
          service: { type: 'string' },
          name: { type: 'string' },
          confidence: { type: 'number' },
          at: { type: 'string', format: 'date-time' },
          since: { type: 'string', format: 'date-time' },
          incidentId: { type: 'string' },
          regions: { type: 'array', items: ref('RegionConfidence') },
          evidence: ref('Evidence'),
        },
      },
      Incident: {
        type: 'object',
        required: ['id', 'service', 'region', 'start', 'peak', 'peakConfidence', 'complaints'],
        properties: {
          id: { type: 'string' },
          service: { type: 'string' },
          region: { type: 'string', enum: ['GLOBAL'], description: "Always GLOBAL: one incident per service and outage; the regions' own episodes are in episodes" },
          start: { type: 'string', format: 'date-time' },
          peak: { type: 'string', format: 'date-time' },
          end: { type: 'string', format: 'date-time', description: 'Absent while open' },
          peakConfidence: { type: 'number' },
          complaints: { type: 'integer' },
          regions: { type: 'array', items: { type: 'string' } },
          languages: { type: 'array', items: { type: 'string' } },
          topSymptoms: { type: 'array', items: { type: 'string' } },
          examplePostIds: { type: 'array', items: { type: 'string' } },
          episodes: { type: 'array', items: ref('RegionEpisode') },
        },
      },
      RegionEpisode: {
        type: 'object',
        required: ['region', 'start', 'peak', 'peakConfidence', 'complaints'],
        properties: {
          region: { type: 'string' },
          start: { type: 'string', format: 'date-time' },
          peak: { type: 'string', format: 'date-time' },
          end: { type: 'string', format: 'date-time', description: 'Absent while open' },
          peakConfidence: { type: 'number' },
          complaints: { type: 'integer' },
        },
      },
      Verdict: {
        type: 'object',
        properties: {
          text: { type: 'string' },
          services: { type: 'array', items: { type: 'string' } },
          label: { type: 'string', enum: ['complaint', 'news', 'joke', 'other'] },
          score: { type: 'number' },
          sentiment: { type: 'object', properties: { label: { type: 'string' }, score: { type: 'number' } } },
          symptoms: { type: 'array', items: { type: 'string' } },
          lang: { type: 'string' },
          region: { type: 'object' },
          why: { type: 'array', items: { type: 'string' }, description: 'The features that decided the verdict' },
        },
      },
      RecentExample: {
        type: 'object',
        required: ['postId', 'source', 'createdAt', 'text', 'lang', 'region', 'score', 'symptoms', 'why'],
        properties: {
          postId: { type: 'string' },
          source: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
          text: { type: 'string' },
          lang: { type: 'string' },
          region: { type: 'string', description: 'ISO 3166-1 alpha-2, ZZ when unknown' },
          score: { type: 'number', description: 'P(complaint)' },
          symptoms: { type: 'array', items: { type: 'string' } },
          why: { type: 'array', items: { type: 'string' }, description: 'The features that decided the verdict' },
        },
      },
      Post: {
        type: 'object',
        required: ['id', 'text', 'createdAt'],
        properties: {
          id: { type: 'string' },
          source: { type: 'string', default: 'api' },
          text: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
          lang: { type: 'string' },
          author: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              location: { type: 'string' },
              followers: { type: 'integer' },
              timezone: { type: 'string' },
            },
          },
          place: { type: 'object', properties: { countryCode: { type: 'string' }, name: { type: 'string' } } },
          geo: { type: 'object', properties: { lat: { type: 'number' }, lon: { type: 'number' } } },
          url: { type: 'string' },
        },
      },
      AlertDelivery: {
        type: 'object',
        required: ['id', 'webhook', 'url', 'event', 'incidentId', 'status', 'attempts', 'createdAt', 'updatedAt'],
        properties: {
          id: { type: 'string', description: 'Also sent as X-Outage-Radar-Delivery, the same on every retry' },
          webhook: { type: 'integer', description: 'Position of the URL in OUTAGE_RADAR_WEBHOOKS, from 1' },
          url: { type: 'string', description: 'Scheme, host and port only; "/…" stands for the path and query left out' },
          event: { type: 'string', enum: ['open', 'update', 'close'] },
          incidentId: { type: 'string' },
          status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
          attempts: { type: 'integer' },
          lastStatusCode: { type: 'integer', description: 'HTTP status of the last attempt, when there was a response' },
          lastError: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      ReportJob: {
        type: 'object',
        required: ['id', 'status', 'paths', 'startedAt'],
        properties: {
          id: { type: 'string' },
          status: { type: 'string', enum: ['running', 'done', 'failed'] },
          paths: { type: 'array', items: { type: 'string' } },
          startedAt: { type: 'string', format: 'date-time' },
          finishedAt: { type: 'string', format: 'date-time' },
          error: { type: 'string' },
          report: { type: 'object', description: 'The batch report, see docs/report.md' },
        },
      },
    },
  },
  paths: {
    '/v1/services': {
      get: {
        summary: 'The service catalogue with each service\'s current status',
        responses: { 200: { description: 'OK', content: json({ type: 'object', properties: { services: { type: 'array', items: ref('ServiceStatus') } } }) }, 429: limited },
      },
    },
    '/v1/outages': {
      get: {
        summary: 'Services whose outage confidence is at or above the threshold now, with regions and evidence',
        parameters: [{ name: 'threshold', in: 'query', schema: { type: 'number', minimum: 0, maximum: 1, default: 0.5 } }],
        responses: {
          200: { description: 'OK', content: json({ type: 'object', properties: { threshold: { type: 'number' }, outages: { type: 'array', items: ref('Outage') } } }) },
          400: bad,
          429: limited,
        },
      },
    },
    '/v1/services/{id}/signal': {
      get: {
        summary: 'Complaint series with baseline and confidence, and the current confidence with evidence',
        parameters: [
          serviceId,
          { name: 'region', in: 'query', schema: { type: 'string', default: 'GLOBAL' }, description: 'Country code, ZZ or GLOBAL' },
          { name: 'from', in: 'query', schema: isoOrMs, description: 'Default: six hours before `to`' },
          { name: 'to', in: 'query', schema: isoOrMs, description: 'Default: end of the latest closed minute' },
          { name: 'bucket', in: 'query', schema: { type: 'string', default: '1m', example: '5m' }, description: 'Point width: 1m..24h' },
        ],
        responses: {
          200: {
            description: 'OK',
            content: json({
              type: 'object',
              properties: {
                service: { type: 'string' },
                region: { type: 'string' },
                bucketMs: { type: 'integer' },
                from: { type: 'string' },
                to: { type: 'string' },
                points: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { at: { type: 'string' }, complaints: { type: 'integer' }, baseline: { type: 'number', nullable: true }, confidence: { type: 'number', nullable: true } },
                  },
                },
                current: { type: 'object', nullable: true, properties: { at: { type: 'string' }, confidence: { type: 'number' }, complaints: { type: 'integer' }, baseline: { type: 'number' }, evidence: ref('Evidence') } },
              },
            }),
          },
          400: bad,
          404: errorResponse('Unknown service'),
          429: limited,
        },
      },
    },
    '/v1/services/{id}/regions': {
      get: {
        summary: 'Per-region complaint counts and confidence now',
        parameters: [serviceId],
        responses: {
          200: {
            description: 'OK',
            content: json({
              type: 'object',
              properties: {
                service: { type: 'string' },
                regions: { type: 'array', items: { allOf: [ref('RegionConfidence'), { type: 'object', properties: { complaintsLastHour: { type: 'integer' } } }] } },
              },
            }),
          },
          404: errorResponse('Unknown service'),
          429: limited,
        },
      },
    },
    '/v1/services/{id}/examples': {
      get: {
        summary: 'The newest posts of the service, up to 3 per label (complaint, news, joke, other), newest first, with what decided each',
        parameters: [serviceId],
        responses: {
          200: {
            description: 'OK',
            content: json({
              type: 'object',
              properties: {
                service: { type: 'string' },
                examples: {
                  type: 'object',
                  properties: Object.fromEntries(['complaint', 'news', 'joke', 'other'].map((label) => [label, { type: 'array', items: ref('RecentExample') }])),
                },
              },
            }),
          },
          404: errorResponse('Unknown service'),
          429: limited,
        },
      },
    },
    '/v1/incidents': {
      get: {
        summary: 'Incidents overlapping [from, to), optionally of one service',
        parameters: [
          { name: 'service', in: 'query', schema: { type: 'string' } },
          { name: 'from', in: 'query', schema: isoOrMs },
          { name: 'to', in: 'query', schema: isoOrMs },
        ],
        responses: {
          200: { description: 'OK', content: json({ type: 'object', properties: { incidents: { type: 'array', items: ref('Incident') } } }) },
          400: bad,
          404: errorResponse('Unknown service'),
          429: limited,
        },
      },
    },
    '/v1/classify': {
      post: {
        summary: 'Classify texts; each verdict carries the features (`why`) that decided it',
        requestBody: {
          required: true,
          content: json({
            oneOf: [
              { type: 'object', required: ['posts'], properties: { posts: { type: 'array', maxItems: 1000, items: { type: 'object', required: ['text'], properties: { text: { type: 'string' }, lang: { type: 'string' } } } } } },
              { type: 'object', required: ['text'], properties: { text: { type: 'string' }, lang: { type: 'string' } } },
            ],
          }),
        },
        responses: {
          200: { description: 'OK', content: json({ type: 'object', properties: { results: { type: 'array', items: ref('Verdict') } } }) },
          400: bad,
          413: errorResponse('Body larger than the limit'),
          429: limited,
        },
      },
    },
    '/v1/posts': {
      post: {
        summary: 'Push posts in (webhook ingest); malformed items and posts whose createdAt is out of range are reported one by one',
        security: [{ bearer: [] }, { apiKey: [] }],
        requestBody: { required: true, content: json({ type: 'object', required: ['posts'], properties: { posts: { type: 'array', maxItems: 5000, items: ref('Post') } } }) },
        responses: {
          202: {
            description: 'Valid posts in range queued (accepted may be 0 when every valid post was out of range)',
            content: json({
              type: 'object',
              properties: {
                accepted: { type: 'integer' },
                rejected: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      index: { type: 'integer' },
                      field: { type: 'string' },
                      message: { type: 'string' },
                      reason: { type: 'string', enum: ['malformed', 'ahead', 'late', 'impossible'] },
                    },
                  },
                },
                outOfRange: {
                  type: 'object',
                  description: 'Posts turned away for their createdAt, per reason (docs/api.md, Event time)',
                  properties: { ahead: { type: 'integer' }, late: { type: 'integer' }, impossible: { type: 'integer' } },
                },
              },
            }),
          },
          400: bad,
          401: errorResponse('No API key sent, or an unknown one'),
          403: errorResponse('The key lacks the scope the route needs'),
          413: errorResponse('Body larger than the limit'),
          429: limited,
          503: errorResponse('Ingest disabled (no API_KEY or API_KEYS), or the queue is over QUEUE_MAX_WAITING or unreachable: nothing of the request was accepted; send it again after Retry-After'),
        },
      },
    },
    '/v1/reports': {
      post: {
        summary: 'Start a batch analysis of archive files under the data directory',
        security: [{ bearer: [] }, { apiKey: [] }],
        requestBody: {
          required: true,
          content: json({ type: 'object', required: ['path'], properties: { path: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } } }),
        },
        responses: {
          202: { description: 'Started; poll Location', content: json(ref('ReportJob')) },
          400: bad,
          401: errorResponse('No API key sent, or an unknown one'),
          403: errorResponse('The key lacks the scope the route needs'),
          429: limited,
          503: errorResponse('Disabled: the server has no API_KEY or API_KEYS'),
        },
      },
    },
    '/v1/reports/latest': {
      get: {
        summary: 'The latest finished report',
        responses: { 200: { description: 'OK', content: json(ref('ReportJob')) }, 404: errorResponse('No report yet'), 429: limited },
      },
    },
    '/v1/reports/{id}': {
      get: {
        summary: 'Status (and, when done, the result) of a report',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'OK', content: json(ref('ReportJob')) }, 400: bad, 404: errorResponse('No such report'), 429: limited },
      },
    },
    '/v1/deadletters': {
      get: {
        summary: 'Batches the queue gave up on, with the reason, most recent first; needs a key with scope admin once any key is configured',
        security: [{}, { bearer: [] }, { apiKey: [] }],
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } }],
        responses: {
          200: {
            description: 'OK',
            content: json({
              type: 'object',
              properties: {
                deadLetters: {
                  type: 'array',
                  items: { type: 'object', properties: { id: { type: 'string' }, posts: { type: 'integer' }, error: { type: 'string' }, attempts: { type: 'integer' }, failedAt: { type: 'string', format: 'date-time' } } },
                },
              },
            }),
          },
          400: bad,
          429: limited,
          503: errorResponse('The queue did not answer in time'),
        },
      },
    },
    '/v1/alerts/deliveries': {
      get: {
        summary: 'Incident webhook deliveries (open, material updates, close), most recent first, with their attempts; needs a key with scope admin once any key is configured',
        security: [{}, { bearer: [] }, { apiKey: [] }],
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['pending', 'delivered', 'failed'] } },
        ],
        responses: {
          200: { description: 'OK', content: json({ type: 'object', properties: { deliveries: { type: 'array', items: ref('AlertDelivery') } } }) },
          400: bad,
          429: limited,
          503: errorResponse('No webhook configured (OUTAGE_RADAR_WEBHOOKS)'),
        },
      },
    },
    '/healthz': { get: { summary: 'The process is up', responses: { 200: { description: 'OK' } } } },
    '/readyz': { get: { summary: 'Store and queue answer within 0.5 s, and the queue is within QUEUE_MAX_WAITING', responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready: the failing check says why' } } } },
    '/metrics': { get: { summary: 'Prometheus text exposition', responses: { 200: { description: 'OK', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
    '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OK' } } } },
  },
} as const;
