import {
  adminFeeCollected,
  decisionRecorded,
  documentIssued,
  documentRepealed,
  feeNoticed,
  feePaid,
  inForceDeclared,
  posted,
  received,
  withdrawn,
} from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';

const in2022 = '2022-06-01T10:00:00+08:00';
const in2023 = '2023-06-01T10:00:00+08:00';
const in2024 = '2024-06-01T10:00:00+08:00';

describe('table 二, 第二十条第（一）项: rules and normative documents', () => {
  it('counts issued and repealed in their years and in force as the running balance', () => {
    const given = givenEvents(
      documentIssued({ id: 'D1', at: in2022 }),
      documentIssued({ id: 'D2', at: in2022 }),
      documentRepealed({ id: 'D1', at: in2023 }),
      documentIssued({ id: 'R1', kind: 'rule', at: in2023 }),
    );
    given.thenReport(2022, (r) => expect(r.proactive.normativeDocuments).toEqual({ issued: 2, repealed: 0, inForce: 2 })); // prettier-ignore
    given.thenReport(2023, (r) => {
      expect(r.proactive.normativeDocuments).toEqual({ issued: 0, repealed: 1, inForce: 1 });
      expect(r.proactive.rules).toEqual({ issued: 1, repealed: 0, inForce: 1 });
    });
    given.thenReport(2024, (r) => expect(r.proactive.normativeDocuments).toEqual({ issued: 0, repealed: 0, inForce: 1 })); // prettier-ignore
  });

  it('counts a document issued and repealed in the same year in both columns and not in force', () =>
    givenEvents(
      documentIssued({ id: 'D1', at: in2023 }),
      documentRepealed({ id: 'D1', at: in2023 }),
    ).thenReport(2023, (r) =>
      expect(r.proactive.normativeDocuments).toEqual({ issued: 1, repealed: 1, inForce: 0 }),
    ));

  it('adds an opening balance from the year it is declared on', () => {
    const given = givenEvents(
      inForceDeclared({ count: 12, at: '2023-01-01T00:00:00+08:00' }),
      documentIssued({ id: 'D1', at: in2023 }),
    );
    given.thenReport(2022, (r) => expect(r.proactive.normativeDocuments.inForce).toBe(0));
    given.thenReport(2023, (r) => expect(r.proactive.normativeDocuments).toEqual({ issued: 1, repealed: 0, inForce: 13 })); // prettier-ignore
  });

  it('replaces an earlier declaration of the same kind, even one of another year', () => {
    const given = givenEvents(
      inForceDeclared({ count: 12, at: in2023 }),
      inForceDeclared({ count: 3, kind: 'rule', at: in2023 }),
      inForceDeclared({ count: 9, at: in2022 }),
    );
    given.thenReport(2022, (r) => expect(r.proactive.normativeDocuments.inForce).toBe(9));
    given.thenReport(2023, (r) => {
      expect(r.proactive.normativeDocuments.inForce).toBe(9);
      expect(r.proactive.rules.inForce).toBe(3);
    });
  });
});

describe('table 二, 第二十条第（五）（六）项: administrative decisions', () => {
  it('sums licensing, penalty and enforcement decisions of the year, a record counting `count`', () =>
    givenEvents(
      decisionRecorded({ id: 'X1', kind: 'licensing', at: in2023 }),
      decisionRecorded({ id: 'X2', kind: 'licensing', count: 40, at: in2023 }),
      decisionRecorded({ id: 'X3', kind: 'penalty', count: 3, at: in2023 }),
      decisionRecorded({ id: 'X4', kind: 'enforcement', at: in2023 }),
      decisionRecorded({ id: 'X5', kind: 'penalty', at: in2024 }),
    ).thenReport(2023, (r) =>
      expect(r.proactive).toMatchObject({ licensing: 41, penalty: 3, enforcement: 1 }),
    ));
});

describe('table 二, 第二十条第（八）项: administrative fees in 万元', () => {
  it.each([
    [['0.01'], '0.000001'],
    [['0.01', '12.35'], '0.001236'],
    [['10000'], '1'],
    [['12345.6', '0.4'], '1.2346'],
    [['99999.99', '0.01'], '10'],
    [['0.10', '0.20'], '0.00003'],
  ])('collects %j as %s 万元, exactly', (amounts, wan) =>
    givenEvents(
      amounts.map((amountYuan, i) => adminFeeCollected({ id: `R${i}`, amountYuan, at: in2023 })),
    ).thenReport(2023, (r) => expect(r.proactive.administrativeFeesWanYuan).toBe(wan)),
  );

  it('writes "0" for a year without fees', () =>
    givenEvents(adminFeeCollected({ id: 'R1', at: in2022 })).thenReport(2023, (r) =>
      expect(r.proactive.administrativeFeesWanYuan).toBe('0'),
    ));
});

describe('publications: posted in the year and not withdrawn', () => {
  it('counts by channel and by category, listing only non-zero keys', () =>
    givenEvents(
      posted({ id: 'P1', channel: 'govWebsite', category: 'policy', at: in2023 }),
      posted({ id: 'P2', channel: 'wechat', category: 'news', at: in2023 }),
      posted({ id: 'P3', channel: 'wechat', category: 'policy', at: in2023 }),
      posted({ id: 'P4', channel: 'meipian', category: 'interpretation', at: in2022 }),
    ).thenReport(2023, (r) =>
      expect(r.publications).toEqual({
        total: 3,
        byChannel: { govWebsite: 1, wechat: 2 },
        byCategory: { news: 1, policy: 2 },
      }),
    ));

  it('takes a withdrawn item out of the year it was posted in, whenever it is withdrawn', () => {
    const given = givenEvents(
      posted({ id: 'P1', at: in2022 }),
      posted({ id: 'P2', at: in2022 }),
      withdrawn({ id: 'P1', at: in2023 }),
      posted({ id: 'P3', channel: 'weibo', at: in2023 }),
      withdrawn({ id: 'P3', at: in2023 }),
    );
    given.thenReport(2022, (r) => expect(r.publications).toEqual({ total: 1, byChannel: { govWebsite: 1 }, byCategory: { news: 1 } })); // prettier-ignore
    given.thenReport(2023, (r) =>
      expect(r.publications).toEqual({ total: 0, byChannel: {}, byCategory: {} }),
    );
  });
});

describe('信息处理费 (processing fees)', () => {
  it('counts notices and amounts in the year of each notice and payment, exactly', () => {
    const given = givenEvents(
      received({ id: 'A1', at: '2023-11-01T10:00:00+08:00' }),
      feeNoticed({ id: 'A1', amountYuan: '0.01', at: '2023-11-02T10:00:00+08:00' }),
      feeNoticed({ id: 'A1', amountYuan: '12.35', at: '2023-11-03T10:00:00+08:00' }),
      feePaid({ id: 'A1', amountYuan: '0.01', at: '2023-12-01T10:00:00+08:00' }),
      feePaid({ id: 'A1', amountYuan: '12.35', at: '2024-01-02T10:00:00+08:00' }),
    );
    given.thenReport(2023, (r) =>
      expect(r.processingFees).toEqual({ noticesIssued: 2, noticedYuan: '12.36', collectedYuan: '0.01' }),
    );
    given.thenReport(2024, (r) =>
      expect(r.processingFees).toEqual({ noticesIssued: 0, noticedYuan: '0', collectedYuan: '12.35' }),
    );
  });

  it('drops trailing zeros: 0.10 + 0.20 is "0.3", 100.00 is "100"', () =>
    givenEvents(
      received({ id: 'A1' }),
      feeNoticed({ id: 'A1', amountYuan: '100.00' }),
      feePaid({ id: 'A1', amountYuan: '0.10' }),
      feePaid({ id: 'A1', amountYuan: '0.20' }),
    ).thenReport(2023, (r) =>
      expect(r.processingFees).toEqual({ noticesIssued: 1, noticedYuan: '100', collectedYuan: '0.3' }),
    ));
});
