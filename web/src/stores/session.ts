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
  /** GET /me could not say who this is (an API without the route): the menu shows everything. */
  meUnknown: false,
  /** Why the last session ended, shown on the sign-in page. */
  notice: '',
});

export function startSession(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  Object.assign(session, { token, me: null, meUnknown: false, notice: '' });
}

export function setMe(me: Me | null): void {
  session.me = me;
  session.meUnknown = me === null;
}

/** The API refused the token: back to sign-in, saying why. */
export function expireSession(message: string): void {
  if (!session.token) return;
  sessionStorage.removeItem(TOKEN_KEY);
  Object.assign(session, { token: '', me: null, meUnknown: false, notice: message });
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  Object.assign(session, { token: '', me: null, meUnknown: false, notice: '' });
}
