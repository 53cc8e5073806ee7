import { event, narrativeWritten, received } from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';
import { entityKeyOf } from './entities';

const cut = { tx: '1234', position: 56 };
const published = (at: string, year = 2023, sha = 'a'.repeat(64)) =>
  event('ReportPublished', { year, cut, contentSha256: sha, report: { year } }, { at });
const drafted = (at: string, year = 2023) =>
  event('ReportDrafted', { year, cut, contentSha256: 'b'.repeat(64), failedChecks: [] }, { at });

describe('ReportDrafted and ReportPublished', () => {
  it('live in one stream per year and kind', () => {
    expect(entityKeyOf(published('2024-01-20T10:00:00+08:00'))).toBe('report:2023:published');
    expect(entityKeyOf(drafted('2024-01-01T00:05:00+08:00'))).toBe('report:2023:drafted');
  });

  it('are refused before the year has ended in the org’s time zone', () => {
    givenEvents().when(published('2023-12-31T23:59:00+08:00')).thenRefused('report.yearNotEnded', 422);
    givenEvents().when(drafted('2023-12-31T16:30:00Z')).thenAccepted(); // 00:30 on 1 January in Shanghai
    givenEvents().inZone('America/New_York').when(drafted('2023-12-31T16:30:00Z')).thenRefused('report.yearNotEnded'); // prettier-ignore
  });

  it('accept a later publication of the same year (a restatement), which replaces the first', () => {
    const given = givenEvents(published('2024-01-20T10:00:00+08:00'), published('2024-03-01T10:00:00+08:00', 2023, 'c'.repeat(64))); // prettier-ignore
    const e = given.ledger().entities.get('report:2023:published');
    expect(e).toMatchObject({
      kind: 'reportPublication',
      year: 2023,
      contentSha256: 'c'.repeat(64),
      version: 2,
    });
  });

  it('change no figure of any year', () => {
    const base = givenEvents(received({ id: 'A1' }), narrativeWritten({ text: '概述' }));
    const more = givenEvents(received({ id: 'A1' }), narrativeWritten({ text: '概述' }), drafted('2024-01-01T00:05:00+08:00'), published('2024-01-20T10:00:00+08:00')); // prettier-ignore
    for (const y of [2023, 2024]) expect(more.report(y)).toEqual(base.report(y));
  });
});
