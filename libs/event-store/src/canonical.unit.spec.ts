import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, contentHash } from './canonical';

// Stored events carry this hash; an event sent again is a duplicate only if it hashes the same.
// So the canonical form may never change, however it is computed.

/** The definition, written plainly. */
function reference(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${reference(o[k])}`)
    .join(',')}}`;
}

it('spells any JSON value exactly as the plain definition does', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => expect(canonicalJson(v)).toBe(reference(v))),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.object({ withNullPrototype: false }), (v) => expect(canonicalJson(v)).toBe(reference(v))),
  );
});

it('gives the hashes events were stored with', () => {
  const hex = (e: Parameters<typeof contentHash>[0]) => contentHash(e).toString('hex');
  expect(canonicalJson({ b: [1, { d: null, c: '申请' }], a: 'x', u: undefined })).toBe(
    '{"a":"x","b":[1,{"c":"申请","d":null}]}',
  );
  expect(
    hex({ type: 'ApplicationReceived', orgId: 'town-a', occurredAtMs: 1678757400000, data: { applicationId: 'A1', applicantType: 'naturalPerson', channel: 'online' } }), // prettier-ignore
  ).toBe(hashOf('["ApplicationReceived","town-a",1678757400000,{"applicantType":"naturalPerson","applicationId":"A1","channel":"online"}]')); // prettier-ignore
});

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
