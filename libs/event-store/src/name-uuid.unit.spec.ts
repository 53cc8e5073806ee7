import { nameUuid } from './name-uuid';

describe('nameUuid', () => {
  it('gives the same version-5 UUID for the same name, and another for another name', () => {
    const id = nameUuid('ReportDrafted/town/2024');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameUuid('ReportDrafted/town/2024')).toBe(id);
    expect(nameUuid('ReportDrafted/town/2025')).not.toBe(id);
  });

  it('keeps the eventIds the demo has always sent under its own namespace', () => {
    expect(nameUuid('qs-town-01/app/2025-001', 'gongkai-demo:')).toBe('00883055-f141-53f7-b500-04982c713cf9');
    expect(nameUuid('x', 'gongkai-demo:')).toBe('5fa085b7-391c-5d04-9c23-1b8dcf9118c6');
  });
});
