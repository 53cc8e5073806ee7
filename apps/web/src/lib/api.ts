// One way to the API for every page: the signed-in token as Bearer, errors as ApiError with the
// contract's { code, message, details }, so forms can put each detail beside its field.

const TOKEN_KEY = 'gongkai.token';

export type ErrorDetail = {
  index?: number;
  field?: string;
  code?: string;
  reason?: string;
  [k: string]: unknown;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[],
  ) {
    super(message);
  }
}

export const storedToken = (): string | null => localStorage.getItem(TOKEN_KEY);
export const storeToken = (token: string) => localStorage.setItem(TOKEN_KEY, token);
export const forgetToken = () => localStorage.removeItem(TOKEN_KEY);

/** Signals a 401 to the shell, which sends the clerk back to the sign-in page. */
export const unauthorized = new EventTarget();

function authHeaders(): Record<string, string> {
  const token = storedToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; details?: ErrorDetail[] } } = {};
  try {
    body = await res.json();
  } catch {
    /* a body that is not JSON (a proxy's page) still gets the status below */
  }
  const e = body.error ?? {};
  return new ApiError(
    res.status,
    e.code ?? `http.${res.status}`,
    e.message ?? res.statusText,
    e.details ?? [],
  );
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  if (res.status === 401) unauthorized.dispatchEvent(new Event('401'));
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}

/** Downloads a file the API makes (a template, a stored ledger) with the token, under its own name. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await fetch(path, { headers: authHeaders() });
  if (!res.ok) throw await errorOf(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
