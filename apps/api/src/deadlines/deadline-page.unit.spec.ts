import type { DeadlineItem } from './deadline-items';
import { asOfRange, continuationOf, pageOf } from './deadline-page';

const item = (applicationId: string, dueOn: string | null, orgId = 'town-a'): DeadlineItem => ({
  orgId,
  applicationId,
  applicantType: 'naturalPerson',
  receivedOn: '2025-01-02',
  state: dueOn ? 'running' : 'awaitingSupplement',
  dueOn,
  extended: false,
  workingDaysLeft: dueOn ? 3 : null,
  overdue: false,
});
// Sorted as deadlineItems sorts: by due date, undated last, then received, org, id.
const list = [
  item('A1', '2025-02-01'),
  item('A2', '2025-02-01', 'town-b'),
  item('A3', '2025-02-03'),
  item('A4', '2025-02-05'),
  item('A5', null),
  item('A6', null, 'town-b'),
];

describe('a page of the deadline list', () => {
  it('gives every item exactly once, in order, whatever the page size', () => {
    for (let limit = 1; limit <= 7; limit++) {
      const seen: DeadlineItem[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page = pageOf(list, limit, after);
        seen.push(...page.items);
        if (!(after = page.next)) break;
      }
      expect(seen).toEqual(list);
    }
  });

  it('continues after the last item seen, not at an offset: a concluded item shifts nothing', () => {
    const first = pageOf(list, 2, null);
    const rest = list.filter((i) => i.applicationId !== 'A1');
    expect(pageOf(rest, 2, first.next).items.map((i) => i.applicationId)).toEqual(['A3', 'A4']);
  });

  it('answers the whole list and no next token when it fits', () => {
    expect(pageOf(list, 1000, null)).toEqual({ items: list, next: null });
    expect(pageOf([], 10, null)).toEqual({ items: [], next: null });
  });

  it('refuses a token it did not give, naming the parameter', () => {
    for (const bad of ['nonsense', Buffer.from('[1,2]').toString('base64url'), '%%%'])
      expect(() => pageOf(list, 2, bad)).toThrow(
        expect.objectContaining({ status: 400, code: 'query.invalid' }),
      );
    expect(() => pageOf(list, 2, continuationOf(list[0]))).not.toThrow();
  });

  it('bounds asOf to three years back and a year ahead of today', () => {
    expect(asOfRange('2026-12-02')).toEqual({ from: '2023-12-02', to: '2027-12-03' });
    expect(asOfRange('2028-02-29')).toEqual({ from: '2025-02-28', to: '2029-03-01' });
  });
});
