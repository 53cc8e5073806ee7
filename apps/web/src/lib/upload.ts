// A workbook upload with progress: fetch cannot report upload progress, XMLHttpRequest can.

import { ApiError, storedToken, type ErrorDetail } from './api';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function uploadWorkbook<T>(
  url: string,
  file: Blob,
  onProgress: (percent: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', XLSX_TYPE);
    xhr.setRequestHeader('accept', 'application/json');
    const token = storedToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string; details?: ErrorDetail[] } } & Record<
        string,
        unknown
      > = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: the status says enough */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const e = body.error ?? {};
      reject(new ApiError(xhr.status, e.code ?? `http.${xhr.status}`, e.message ?? '', e.details ?? []));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', '', []));
    xhr.send(file);
  });
}
