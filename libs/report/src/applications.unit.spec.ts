import { APPLICANT_TYPES, OUTCOMES } from '@app/domain';
import { application, concluded, corrected, received } from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';

const column = (t: string) => (APPLICANT_TYPES as readonly string[]).indexOf(t);
const TOTAL = 6;

describe('table 三: applications received and handled', () => {
  it.each(OUTCOMES.map((o, i) => [o, i] as const))(
    'counts an application concluded %s in its own row',
    (outcome) =>
      givenEvents(application({ id: 'A1', outcome })).thenReport(2023, (r) => {
        expect(r.applications.rows[outcome]).toEqual([1, 0, 0, 0, 0, 0, 1]);
        for (const other of OUTCOMES.filter((o) => o !== outcome))
          expect(r.applications.rows[other]).toEqual([0, 0, 0, 0, 0, 0, 0]);
        expect(r.applications.rows.concludedTotal).toEqual([1, 0, 0, 0, 0, 0, 1]);
      }),
  );

  it.each(APPLICANT_TYPES.map((t) => [t]))('puts an application from a %s in its column', (applicantType) =>
    givenEvents(
      application({ id: 'A1', applicantType, outcome: 'partiallyDisclosed' }),
      received({ id: 'A2', applicantType }),
    ).thenReport(2023, (r) => {
      const expected = [0, 0, 0, 0, 0, 0, 0];
      expected[column(applicantType)] = 2;
      expected[TOTAL] = 2;
      expect(r.applications.rows.newReceived).toEqual(expected);
      expected[column(applicantType)] = 1;
      expected[TOTAL] = 1;
      expect(r.applications.rows.partiallyDisclosed).toEqual(expected);
      expect(r.applications.rows.carriedOut).toEqual(expected);
    }),
  );

  it('fills every column and row of a busy year and the balance holds', () =>
    givenEvents(
      APPLICANT_TYPES.flatMap((applicantType, i) =>
        OUTCOMES.map((outcome, j) => application({ id: `A${i}-${j}`, applicantType, outcome })),
      ),
      APPLICANT_TYPES.map((applicantType, i) => received({ id: `open-${i}`, applicantType })),
    ).thenReport(2023, (r) => {
      const rows = r.applications.rows;
      for (const o of OUTCOMES) expect(rows[o]).toEqual([1, 1, 1, 1, 1, 1, 6]);
      expect(rows.newReceived).toEqual([22, 22, 22, 22, 22, 22, 132]);
      expect(rows.concludedTotal).toEqual([21, 21, 21, 21, 21, 21, 126]);
      expect(rows.carriedOut).toEqual([1, 1, 1, 1, 1, 1, 6]);
      expect(r.checks.every((c) => c.ok)).toBe(true);
    }));

  describe('the reporting year is the local calendar year of occurredAt', () => {
    it('counts an application received at 00:30 on 1 January, +08:00, in the new year (UTC: still 31 December)', () =>
      givenEvents(received({ id: 'A1', at: '2024-01-01T00:30:00+08:00' })).thenReport(2024, (r) =>
        expect(r.applications.rows.newReceived[TOTAL]).toBe(1),
      ));

    it('counts 23:30 on 31 December, +08:00, in the old year and carries it into the new one', () => {
      const given = givenEvents(received({ id: 'A1', at: '2023-12-31T23:30:00+08:00' }));
      given.thenReport(2023, (r) => expect(r.applications.rows.newReceived[TOTAL]).toBe(1));
      given.thenReport(2024, (r) => {
        expect(r.applications.rows.newReceived[TOTAL]).toBe(0);
        expect(r.applications.rows.carriedIn[TOTAL]).toBe(1);
      });
    });

    it('counts 23:30 on 31 December, +08:00, in the new year for an org in Pacific/Kiritimati (+14:00)', () =>
      givenEvents(received({ id: 'A1', at: '2023-12-31T23:30:00+08:00' }))
        .inZone('Pacific/Kiritimati')
        .thenReport(2024, (r) => expect(r.applications.rows.newReceived[TOTAL]).toBe(1)));

    it('counts an instant written in UTC (2023-12-31T16:30Z) in 2024, Shanghai time', () => {
      const given = givenEvents(received({ id: 'A1', at: '2023-12-31T16:30:00Z' }));
      given.thenReport(2024, (r) => expect(r.applications.rows.newReceived[TOTAL]).toBe(1));
      given.thenReport(2023, (r) => expect(r.applications.rows.newReceived[TOTAL]).toBe(0));
    });

    it('counts 2024-01-01T00:30+08:00 in 2023 for an org in America/New_York', () => {
      const given = givenEvents(received({ id: 'A1', at: '2024-01-01T00:30:00+08:00' })).inZone(
        'America/New_York',
      );
      given.thenReport(2023, (r) => expect(r.applications.rows.newReceived[TOTAL]).toBe(1));
      given.thenReport(2024, (r) => expect(r.applications.rows.newReceived[TOTAL]).toBe(0));
    });

    it('carries an application received at 23:30 on 31 December and concluded at 00:30 on 1 January', () => {
      const given = givenEvents(
        application({
          id: 'A1',
          receivedAt: '2023-12-31T23:30:00+08:00',
          concludedAt: '2024-01-01T00:30:00+08:00',
        }),
      );
      given.thenReport(2023, (r) => expect(r.applications.rows.carriedOut[TOTAL]).toBe(1));
      given.thenReport(2024, (r) => {
        expect(r.applications.rows.carriedIn[TOTAL]).toBe(1);
        expect(r.applications.rows.disclosed[TOTAL]).toBe(1);
      });
    });
  });

  it('carries open applications over three years, column by column', () => {
    const given = givenEvents(
      application({
        id: 'A1',
        receivedAt: '2021-11-01T09:00:00+08:00',
        concludedAt: '2023-02-01T09:00:00+08:00',
      }),
      application({
        id: 'A2',
        applicantType: 'legalServiceAgency',
        receivedAt: '2021-12-01T09:00:00+08:00',
        concludedAt: '2022-01-10T09:00:00+08:00',
        outcome: 'unavailable.notHeld',
      }),
      received({ id: 'A3', applicantType: 'commercialEnterprise', at: '2022-12-20T09:00:00+08:00' }),
    );
    given.thenReport(2021, (r) => {
      expect(r.applications.rows.newReceived).toEqual([1, 0, 0, 0, 1, 0, 2]);
      expect(r.applications.rows.carriedOut).toEqual([1, 0, 0, 0, 1, 0, 2]);
    });
    given.thenReport(2022, (r) => {
      expect(r.applications.rows.carriedIn).toEqual([1, 0, 0, 0, 1, 0, 2]);
      expect(r.applications.rows['unavailable.notHeld']).toEqual([0, 0, 0, 0, 1, 0, 1]);
      expect(r.applications.rows.carriedOut).toEqual([1, 1, 0, 0, 0, 0, 2]);
    });
    given.thenReport(2023, (r) => {
      expect(r.applications.rows.newReceived).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(r.applications.rows.carriedIn).toEqual([1, 1, 0, 0, 0, 0, 2]);
      expect(r.applications.rows.disclosed).toEqual([1, 0, 0, 0, 0, 0, 1]);
      expect(r.applications.rows.carriedOut).toEqual([0, 1, 0, 0, 0, 0, 1]);
      expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    });
    given.thenReport(2024, (r) => expect(r.applications.rows.carriedIn).toEqual([0, 1, 0, 0, 0, 0, 1]));
  });

  describe('corrections count in the year of conclusion', () => {
    const history = [
      application({ id: 'A1', concludedAt: '2023-12-28T10:00:00+08:00', outcome: 'disclosed' }),
      corrected({ id: 'A1', at: '2024-02-01T10:00:00+08:00', outcome: 'partiallyDisclosed' }),
    ];

    it('moves the application from the old outcome row to the new one of 2023', () =>
      givenEvents(...history).thenReport(2023, (r) => {
        expect(r.applications.rows.disclosed[TOTAL]).toBe(0);
        expect(r.applications.rows.partiallyDisclosed[TOTAL]).toBe(1);
        expect(r.applications.rows.concludedTotal[TOTAL]).toBe(1);
      }));

    it('leaves the year of the correction untouched', () =>
      givenEvents(...history).thenReport(2024, (r) => {
        expect(r.applications.rows.concludedTotal[TOTAL]).toBe(0);
        expect(r.applications.rows.carriedIn[TOTAL]).toBe(0);
      }));

    it('follows a second correction, and one back to the same outcome changes nothing', () =>
      givenEvents(
        ...history,
        corrected({ id: 'A1', at: '2024-02-02T10:00:00+08:00', outcome: 'withheld.stateSecret' }),
        corrected({ id: 'A1', at: '2024-02-03T10:00:00+08:00', outcome: 'withheld.stateSecret' }),
      ).thenReport(2023, (r) => {
        expect(r.applications.rows.partiallyDisclosed[TOTAL]).toBe(0);
        expect(r.applications.rows['withheld.stateSecret']).toEqual([1, 0, 0, 0, 0, 0, 1]);
      }));
  });

  it('accepts a conclusion at the very instant of receipt', () =>
    givenEvents(received({ id: 'A1' }), concluded({ id: 'A1', at: '2023-03-14T09:30:00+08:00' })).thenReport(
      2023,
      (r) => expect(r.applications.rows.carriedOut[TOTAL]).toBe(0),
    ));
});
