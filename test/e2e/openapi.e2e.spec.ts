import Ajv from 'ajv';
import { EVENT_TYPES } from '@app/domain';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { DATA_SCHEMAS } from '../../apps/api/src/events/event-schemas';

// The served OpenAPI document (/docs-json) as a client generator reads it: every event type's
// `data` with its enums, the very schemas that validate events, and an example of every route.

type Schema = {
  properties?: Record<string, Schema>;
  enum?: string[];
  example?: unknown;
  $ref?: string;
  items?: Schema;
  oneOf?: Schema[];
};
type Media = { schema?: Schema; example?: unknown; examples?: object };
type Operation = {
  requestBody?: { content?: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

let db: TestDb;
let svc: Service;
let doc: Doc;

beforeAll(async () => {
  db = await createTestDb('openapi');
  svc = await startService({ databaseUrl: db.url });
  const r = await client(svc.base).get('/docs-json');
  expect(r.status).toBe(200);
  doc = r.body;
});

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

const schemas = () => doc.components.schemas;
const ref = (name: string) => `#/components/schemas/${name}`;
const routes = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
  );
const hasExample = (content: Record<string, Media> | undefined) =>
  Object.values(content ?? {}).some((m) => m.example !== undefined || m.examples !== undefined);

describe('the event types in the OpenAPI document', () => {
  it.each([...EVENT_TYPES])('%s: its data schema, every enum as events are validated', (type) => {
    const served = schemas()[`${type}Data`];
    expect(served).toBeDefined();
    const source = DATA_SCHEMAS[type] as Schema;
    expect(Object.keys(served.properties ?? {})).toEqual(Object.keys(source.properties ?? {}));
    for (const [name, property] of Object.entries(source.properties ?? {}))
      if (property.enum) expect(served.properties?.[name].enum).toEqual(property.enum);
    expect(schemas()[`${type}Event`].properties?.type.enum).toEqual([type]);
    expect(schemas()[`${type}Event`].properties?.data.$ref).toBe(ref(`${type}Data`));
    expect(schemas().Event.oneOf).toContainEqual({ $ref: ref(`${type}Event`) });
  });

  it('names the codes of every coded field (applicant types, outcomes, channels …)', () => {
    const enums = EVENT_TYPES.flatMap((t) =>
      Object.values(schemas()[`${t}Data`].properties ?? {}).filter((p) => p.enum),
    );
    expect(enums.length).toBeGreaterThanOrEqual(12);
    expect(schemas().ApplicationConcludedData.properties?.outcome.enum).toContain('withheld.stateSecret');
  });

  it("each type's example data passes the served schema", () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const type of EVENT_TYPES) {
      const { example, ...schema } = schemas()[`${type}Data`];
      expect(example).toBeDefined();
      expect({ type, valid: ajv.validate(schema, example), errors: ajv.errors }).toEqual({
        type,
        valid: true,
        errors: null,
      });
    }
  });

  it('POST /v1/events takes a batch of those events, and its example is accepted as it stands', async () => {
    const body = doc.paths['/v1/events'].post.requestBody?.content?.['application/json'];
    expect(body?.schema?.$ref).toBe(ref('EventBatch'));
    expect(schemas().EventBatch.properties?.events.items?.$ref).toBe(ref('Event'));
    const admin = client(svc.base, ADMIN);
    await admin.post('/v1/orgs', { orgId: 'xinxiang-county', name: '新乡县', kind: 'county' });
    const example = doc.paths['/v1/orgs'].post.requestBody?.content?.['application/json'].example;
    expect((await admin.post('/v1/orgs', example)).status).toBe(201);
    const sent = await admin.post('/v1/events', body?.example);
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual(
      doc.paths['/v1/events'].post.responses['202'].content?.['application/json'].example,
    );
  });
});

describe('an example of every route', () => {
  it('every route has an example answer, and a request example where it takes a body', () => {
    const missing = routes().flatMap(({ route, op }) => [
      ...(Object.values(op.responses).some((r) => hasExample(r.content)) ? [] : [`${route}: answer`]),
      ...(op.requestBody && !hasExample(op.requestBody.content) ? [`${route}: request`] : []),
    ]);
    expect(missing).toEqual([]);
    expect(routes().length).toBeGreaterThanOrEqual(30);
  });

  it('the labels example is what GET /v1/labels answers', async () => {
    const served = (await client(svc.base, ADMIN).get('/v1/labels')).body;
    expect(doc.paths['/v1/labels'].get.responses['200'].content?.['application/json'].example).toEqual(
      served,
    );
  });
});
