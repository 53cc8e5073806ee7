// The one route whose body is a file, not JSON: last year's published report as PDF, Word, web
// page or text. The API's body reading (http/body.ts) hands it over as bytes, up to 10 MiB.

export const REPORT_UPLOAD_LIMIT = 10 * 1024 * 1024;

export const isReportUpload = (url: string | undefined) =>
  /^\/v1\/orgs\/[^/?#]+\/imports\/report\/?(\?|$)/i.test(url ?? '');
