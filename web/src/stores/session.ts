/**
 * Who is signed in: the pasted token (sessionStorage, so it ends with the browser tab) and what
 * GET /me says about it. Any 401 from the API ends the session with the API's message.
 */
import { reactive } from 'vue';
import type { Me } from '@/api/types';

const TOKEN_KEY = 'clueflow.token';

export const session = reactive({
  token: sessionStorage.getItem(TOKEN_KEY) ?? '',
  me: null as Me | null,
  /** Why the last session ended, shown on the sign-in page. */
  notice: '',
});

export function startSession(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  Object.assign(session, { token, me: null, notice: '' });
}

export function setMe(me: Me): void {
  session.me = me;
}

/** The API refused the token: back to sign-in, saying why. */
export function expireSession(message: string): void {
  if (!session.token) return;
  sessionStorage.removeItem(TOKEN_KEY);
  Object.assign(session, { token: '', me: null, notice: message });
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  Object.assign(session, { token: '', me: null, notice: '' });
}
