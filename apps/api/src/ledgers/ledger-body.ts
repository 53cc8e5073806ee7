// Ledger uploads are the one body that is not JSON or a report file: an .xlsx workbook of up to
// 10 MiB, read as bytes and judged by its content (an .xls or a .csv sent under the .xlsx type is
// still told to save as .xlsx). http/body.ts asks isLedgerUpload before applying the JSON rules.
import { AppError } from '@app/config';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const LEDGER_BODY_LIMIT = 10 * 1024 * 1024;

const UPLOAD_PATH = /^\/v1\/orgs\/[^/?#]+\/ledgers\/[^/?#]+\/?(?:[?#]|$)/i;

export const isLedgerUpload = (req: { method?: string; url?: string }) =>
  req.method === 'POST' && UPLOAD_PATH.test(req.url ?? '');

export const ledgerTooLarge = () =>
  new AppError(413, 'body.tooLarge', '台账文件超过 10 MiB：请按年度或月份拆成几个工作簿分别上传。');

export const ledgerCompressed = () =>
  new AppError(415, 'encoding.unsupported', '请直接上传 .xlsx 文件，不要再压缩（.xlsx 本身已是压缩格式）。');
