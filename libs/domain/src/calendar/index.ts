export { OFFICIAL_YEARS } from './official-days';
export { parseCalendarYears, type ParsedYears, type YearTable } from './year-table';
export {
  createCalendar,
  type CalendarError,
  type CalendarResult,
  type WorkingCalendar,
} from './working-calendar';
export {
  deadlineOf,
  feePayableBy,
  FEE_PAYMENT_WORKING_DAYS,
  type ClockMark,
  type Deadline,
  type DeadlineState,
} from './deadline';
export {
  LEGAL_DATES,
  PROVISIONAL_NOTICE,
  provisionalCalendar,
  statutoryYear,
  type LegalDates,
} from './provisional';
