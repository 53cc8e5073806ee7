// What the decorators cannot say: the `data` of every event type, from the very schemas that
// validate events, and an example of every route (openapi/examples.ts).

import type { OpenAPIObject } from '@nestjs/swagger';
import { EVENT_TYPES } from '@app/domain';
import { EVENT_DATA_EXAMPLES } from '../events/event-examples';
import { BATCH_SCHEMA, DATA_SCHEMAS, ENVELOPE_SCHEMA } from '../events/event-schemas';
import { ROUTE_EXAMPLES } from './examples';

type Schema = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** EventBatch, Event (one of every type, told apart by `type`), and each type's Event and Data. */
export function eventSchemas(): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const envelope = ENVELOPE_SCHEMA.properties as Record<string, Schema>;
  for (const type of EVENT_TYPES) {
    out[`${type}Data`] = { ...DATA_SCHEMAS[type], example: EVENT_DATA_EXAMPLES[type] };
    out[`${type}Event`] = {
      ...ENVELOPE_SCHEMA,
      properties: { ...envelope, type: { type: 'string', enum: [type] }, data: ref(`${type}Data`) },
    };
  }
  out.Event = {
    oneOf: EVENT_TYPES.map((t) => ref(`${t}Event`)),
    discriminator: {
      propertyName: 'type',
      mapping: Object.fromEntries(EVENT_TYPES.map((t) => [t, `#/components/schemas/${t}Event`])),
    },
  };
  const events = (BATCH_SCHEMA.properties as Record<string, Schema>).events;
  out.EventBatch = { ...BATCH_SCHEMA, properties: { events: { ...events, items: ref('Event') } } };
  return out;
}

type Media = { schema?: unknown; example?: unknown };
type Operation = {
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
};

function exampleOf(op: Operation, route: string): void {
  const ex = ROUTE_EXAMPLES[route];
  if (!ex) return;
  if (ex.request !== undefined) {
    op.requestBody ??= {};
    const content = (op.requestBody.content ??= {});
    const type = ex.requestType ?? 'application/json';
    content[type] = { ...content[type], example: ex.request };
  }
  op.responses ??= {};
  for (const [status, answer] of Object.entries(ex.answers)) {
    const response = (op.responses[status] ??= { description: '' });
    const content = (response.content ??= {});
    const type = ex.answerType ?? 'application/json';
    content[type] = { ...content[type], example: answer };
  }
}

/** The document the decorators made, with the event schemas and an example of every route. */
export function completed(doc: OpenAPIObject): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, ...eventSchemas() };
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops as Record<string, Operation>))
      exampleOf(op, `${method.toUpperCase()} ${path}`);
  return doc;
}
