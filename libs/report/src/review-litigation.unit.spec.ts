import {
  litigationConcluded,
  litigationFiled,
  narrativeWritten,
  reviewConcluded,
  reviewFiled,
} from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';

const at = (date: string) => `${date}T10:00:00+08:00`;

describe('table 四: administrative review and litigation', () => {
  const history = [
    reviewFiled({ id: 'C1', at: at('2022-05-01') }),
    reviewFiled({ id: 'C2', at: at('2022-06-01') }),
    reviewConcluded({ id: 'C1', result: 'corrected', at: at('2023-02-01') }),
    reviewFiled({ id: 'C3', at: at('2023-03-01') }),
    reviewConcluded({ id: 'C3', result: 'upheld', at: at('2023-04-01') }),
    reviewConcluded({ id: 'C2', result: 'other', at: at('2024-01-05') }),
    litigationFiled({ id: 'L1', afterReview: false, at: at('2023-05-01') }),
    litigationFiled({ id: 'L2', afterReview: true, at: at('2023-05-02') }),
    litigationConcluded({ id: 'L2', result: 'upheld', at: at('2023-09-01') }),
  ];

  it('keeps cases pending from the year they were filed until the year they are concluded', () => {
    const given = givenEvents(history);
    given.thenReport(2022, (r) => expect(r.reviewLitigation.review).toEqual([0, 0, 0, 2, 2]));
    given.thenReport(2023, (r) => expect(r.reviewLitigation.review).toEqual([1, 1, 0, 1, 3]));
    given.thenReport(2024, (r) => expect(r.reviewLitigation.review).toEqual([0, 0, 1, 0, 1]));
    given.thenReport(2025, (r) => expect(r.reviewLitigation.review).toEqual([0, 0, 0, 0, 0]));
  });

  it('splits litigation into 未经复议直接起诉 and 复议后起诉', () => {
    const given = givenEvents(history);
    given.thenReport(2023, (r) => {
      expect(r.reviewLitigation.columns).toEqual(['upheld', 'corrected', 'other', 'pending', 'total']);
      expect(r.reviewLitigation.litigationDirect).toEqual([0, 0, 0, 1, 1]);
      expect(r.reviewLitigation.litigationAfterReview).toEqual([1, 0, 0, 0, 1]);
    });
    given.thenReport(2024, (r) => expect(r.reviewLitigation.litigationDirect).toEqual([0, 0, 0, 1, 1]));
  });

  it('counts a case filed and concluded in the same year only as concluded', () =>
    givenEvents(
      litigationFiled({ id: 'L1', at: at('2023-01-02') }),
      litigationConcluded({ id: 'L1', result: 'corrected', at: at('2023-12-30') }),
    ).thenReport(2023, (r) => expect(r.reviewLitigation.litigationDirect).toEqual([0, 1, 0, 0, 1])));
});

describe('report texts', () => {
  it('takes the latest text per section of the report year, and empty strings for the rest', () =>
    givenEvents(
      narrativeWritten({ section: 'overview', text: 'draft' }),
      narrativeWritten({ section: 'problems', text: '一是……' }),
      narrativeWritten({ section: 'overview', text: '2023 年，我镇……' }),
      narrativeWritten({ year: 2024, section: 'otherMatters', text: 'next year' }),
    ).thenReport(2023, (r) =>
      expect(r.narrative).toEqual({ overview: '2023 年，我镇……', problems: '一是……', otherMatters: '' }),
    ));

  it('lets a later write win even when it is dated earlier', () =>
    givenEvents(
      narrativeWritten({ text: 'second thoughts', at: at('2024-01-20') }),
      narrativeWritten({ text: 'final', at: at('2024-01-10') }),
    ).thenReport(2023, (r) => expect(r.narrative.overview).toBe('final')));
});
