/** Signing in: a token is good when the API accepts it; GET /me then says whose it is. */
import { api, ok } from '@/api/client';
import { session, setMe, signOut, startSession } from './session';

/** Loads GET /me for the current token, once per session. */
export async function loadMe(): Promise<void> {
  if (session.me || !session.token) return;
  const me = await ok(api.GET('/api/v1/me'));
  // A 401 on the way has ended the session; a late answer must not sign it back in.
  if (session.token) setMe(me);
}

/** Signs in with a pasted token; throws the API's refusal (the caller shows it). */
export async function signIn(token: string): Promise<void> {
  startSession(token.trim());
  try {
    await loadMe();
  } catch (err) {
    // A 401 has ended the session already; any other failure must not leave a half-signed-in tab.
    if (session.token) signOut();
    throw err;
  }
}
