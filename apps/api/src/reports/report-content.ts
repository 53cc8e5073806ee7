// The hash a publication records: SHA-256 of the report's Markdown (libs/report says which text).

import { createHash } from 'node:crypto';
import { ReportEnvelope, contentSha256 as contentSha256Of } from '@app/report';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const contentSha256 = (r: ReportEnvelope): string => contentSha256Of(r, sha256);
