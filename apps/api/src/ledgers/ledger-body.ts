// Ledger uploads are the one body that is not JSON: an .xlsx workbook of up to 10 MiB, read as
// bytes and judged by its content (an .xls or a .csv sent under the .xlsx type is still told to
// save as .xlsx). main.ts asks isLedgerUpload before applying the JSON rules.
import { IncomingMessage } from 'node:http';
import { AppError } from '@app/config';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const LEDGER_BODY_LIMIT = 10 * 1024 * 1024;

const UPLOAD_PATH = /^\/v1\/orgs\/[^/?#]+\/ledgers\/[^/?#]+\/?(?:[?#]|$)/i;

export const isLedgerUpload = (req: { method?: string; url?: string }) =>
  req.method === 'POST' && UPLOAD_PATH.test(req.url ?? '');

export const ledgerTooLarge = () =>
  new AppError(413, 'body.tooLarge', '台账文件超过 10 MiB：请按年度或月份拆成几个工作簿分别上传。');

/** Reads the body as bytes, at most 10 MiB; a longer one is cut off as soon as it passes. */
export function readLedgerBody(
  req: { headers: IncomingMessage['headers'] },
  payload: IncomingMessage,
  done: (err: Error | null, body?: unknown) => void,
) {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity')
    return done(new AppError(415, 'encoding.unsupported', '请直接上传 .xlsx 文件，不要再压缩（.xlsx 本身已是压缩格式）。')); // prettier-ignore
  const chunks: Buffer[] = [];
  let length = 0;
  let finished = false;
  const finish = (err: Error | null, body?: unknown) => {
    if (finished) return;
    finished = true;
    payload.off('data', onData).off('end', onEnd).off('error', finish);
    done(err, body);
  };
  const onData = (chunk: Buffer) => {
    length += chunk.length;
    if (length > LEDGER_BODY_LIMIT) return finish(ledgerTooLarge());
    chunks.push(chunk);
  };
  const onEnd = () => finish(null, Buffer.concat(chunks, length));
  payload.on('data', onData).on('end', onEnd).on('error', finish);
}
