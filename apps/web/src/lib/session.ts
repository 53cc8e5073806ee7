import { computed, reactive } from 'vue';
import { api, forgetToken, storeToken, storedToken } from './api';

export type Session = {
  role: 'admin' | 'submitter' | 'reader' | 'reviewer';
  orgId: string | null;
  orgName: string | null;
  orgKind: string | null;
  tokenId: string | null;
  label: string | null;
  expiresAt: string | null;
};

export const session = reactive<{ current: Session | null }>({ current: null });

/** Checks a token against GET /v1/session and keeps it only when the service accepts it. */
export async function signIn(token: string): Promise<Session> {
  const previous = storedToken();
  storeToken(token);
  try {
    session.current = await api<Session>('/v1/session');
    return session.current;
  } catch (e) {
    if (previous) storeToken(previous);
    else forgetToken();
    throw e;
  }
}

/** The session of the stored token, or null when there is none or it no longer works. */
export async function resume(): Promise<Session | null> {
  if (session.current) return session.current;
  if (!storedToken()) return null;
  try {
    session.current = await api<Session>('/v1/session');
  } catch {
    session.current = null;
  }
  return session.current;
}

export function signOut() {
  forgetToken();
  session.current = null;
}

/** The org the signed-in token belongs to; '' for an admin token, which belongs to none. */
export const orgId = computed(() => session.current?.orgId ?? '');
