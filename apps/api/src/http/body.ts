// How the API reads request bodies. Fastify reads them, within a limit per route (1 MiB, or 10 MiB
// for the two file uploads); @fastify/compress inflates gzip, deflate and br bodies on the way in,
// so the limit holds for the inflated bytes. What is left here is the API's own policy: what is
// refused before a byte is read, and how the bytes of a JSON body become a value.
import { isUtf8 } from 'node:buffer';
import { IncomingMessage } from 'node:http';
import fastifyCompress from '@fastify/compress';
import type { FastifyRequest } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppError } from '@app/config';
import { REPORT_UPLOAD_LIMIT, isReportUpload } from '../imports/raw-upload';
import { LEDGER_BODY_LIMIT, isLedgerUpload, ledgerCompressed, ledgerTooLarge } from '../ledgers/ledger-body';

export const BODY_LIMIT = 1024 * 1024;

const jsonTooLarge = () =>
  new AppError(413, 'body.tooLarge', 'The body is over 1 MiB. Send fewer events per batch.');
const reportTooLarge = () => new AppError(413, 'body.tooLarge', 'The report file is over 10 MiB.');
/** 415 for a body in another charset than UTF-8, or compressed in a way the API does not read. */
const notUtf8Json = () =>
  new AppError(415, 'body.encoding', 'Send the body as UTF-8 JSON (Content-Type: application/json).');

/** The largest body a route takes: its answer when a body passes it. */
function limitOf(req: { method?: string; url?: string }): { bytes: number; tooLarge: () => AppError } {
  if (isLedgerUpload(req)) return { bytes: LEDGER_BODY_LIMIT, tooLarge: ledgerTooLarge };
  if (isReportUpload(req.url)) return { bytes: REPORT_UPLOAD_LIMIT, tooLarge: reportTooLarge };
  return { bytes: BODY_LIMIT, tooLarge: jsonTooLarge };
}

/**
 * Sets up body reading. Call it before the routes are registered: their body limits are set as
 * they are added.
 */
export async function readBodies(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    route.bodyLimit = Math.max(...methods.map((method) => limitOf({ method, url: route.url }).bytes));
    // A request without a body has nothing to inflate, whatever its Content-Encoding says.
    if (methods.every((m) => m === 'GET' || m === 'HEAD')) Object.assign(route, { decompress: false });
  });
  fastify.addHook('onRequest', (req, reply, done) => {
    const refused = refuseBody(req.raw);
    if (!refused) return done();
    if (refused.close) reply.header('connection', 'close');
    reply.code(refused.error.status).send(refused.error.toBody());
  });
  await app.register(fastifyCompress, {
    globalCompression: false,
    requestEncodings: ['gzip', 'deflate', 'br', 'identity'],
    onUnsupportedRequestEncoding: () => notUtf8Json(),
  });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    // The two uploads are handed over as bytes, whatever their type.
    if (isLedgerUpload(req.raw) || isReportUpload(req.url)) return done(null, body);
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i
      .exec(req.headers['content-type'] ?? '')?.[1]
      .toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return done(notUtf8Json());
    const parsed = parseJson(body);
    return parsed instanceof AppError ? done(parsed) : done(null, parsed);
  });
}

/**
 * The API's answer to an error Fastify or @fastify/compress met while reading a body, in the
 * API's error shape; undefined for any other error.
 */
export function bodyError(e: unknown, req: FastifyRequest | undefined): AppError | undefined {
  const { code, statusCode, message } = (e ?? {}) as {
    code?: unknown;
    statusCode?: unknown;
    message?: string;
  };
  if (typeof code !== 'string') return undefined;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return limitOf(req?.raw ?? {}).tooLarge();
  if (code === 'FST_CP_ERR_INVALID_CONTENT')
    return new AppError(400, 'body.corrupt', `The body is not valid ${req?.headers['content-encoding']}.`);
  if (code.startsWith('FST_') && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500)
    return new AppError(statusCode, `http.${statusCode}`, message ?? 'Bad request.');
  return undefined;
}

/**
 * What is refused before a byte of the body is read:
 * - a body announced over its route's limit (413): a client that announces 1 GiB is not read from.
 *   A declared JSON body up to 16 MiB (a ledger workbook or a report file up to 40 MiB) is read
 *   off and discarded, so that the client sees the 413 rather than a broken pipe; a larger one is
 *   cut off by closing. (A chunked body is cut off as soon as it passes the limit.)
 * - a body in another format than JSON (415), rather than misread as empty;
 * - a compressed ledger workbook (415): an .xlsx is compressed already.
 */
function refuseBody(req: IncomingMessage): { error: AppError; close: boolean } | null {
  const declared = Number(req.headers['content-length'] ?? 0);
  const limit = limitOf(req);
  if (declared > limit.bytes) {
    const upload = isLedgerUpload(req) || isReportUpload(req.url);
    return { error: limit.tooLarge(), close: declared > (upload ? 4 : 16) * limit.bytes };
  }
  const encoding = normaliseEncoding(req);
  if (isLedgerUpload(req))
    return encoding === 'identity' ? null : { error: ledgerCompressed(), close: false };
  if (isReportUpload(req.url)) return null;
  const hasBody = declared > 0 || req.headers['transfer-encoding'] !== undefined;
  const type = req.headers['content-type'];
  if (hasBody && !isJsonType(type)) {
    const message = 'Send the body as JSON with the header "Content-Type: application/json".';
    return { error: new AppError(415, 'body.contentType', message), close: false };
  }
  return null;
}

/** Content-Encoding in the one spelling @fastify/compress reads: lower case, x-gzip as gzip. */
function normaliseEncoding(req: IncomingMessage): string {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const spelled = encoding === 'x-gzip' ? 'gzip' : encoding;
  if (req.headers['content-encoding'] !== undefined) req.headers['content-encoding'] = spelled;
  return spelled;
}

/** application/json, or any type/subtype+json, whatever its parameters. */
function isJsonType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const semi = header.indexOf(';');
  const type = (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
  return (
    type === 'application/json' || /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+\+json$/.test(type)
  );
}

/**
 * A JSON body in UTF-8: invalid UTF-8 is refused rather than silently replaced with U+FFFD, a BOM
 * is skipped, and an empty body is {}. Any JSON value parses; a body that is valid JSON but not
 * {"events": [...]} is told so by the validator instead of being called invalid JSON.
 */
function parseJson(buf: Buffer): unknown {
  if (!isUtf8(buf))
    return new AppError(400, 'body.notUtf8', 'The body is not valid UTF-8. Send UTF-8 encoded JSON.');
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return new AppError(
      400,
      'body.notJson',
      'The body is not valid JSON. Check quotes, commas and brackets.',
    );
  }
}
