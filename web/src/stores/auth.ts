/** Signing in: a token is good when the API accepts it; GET /me then says whose it is. */
import { ApiError, api, ok } from '@/api/client';
import { session, setMe, signOut, startSession } from './session';

/** Loads GET /me for the current token, once per session. */
export async function loadMe(): Promise<void> {
  if (session.me || session.meUnknown || !session.token) return;
  try {
    setMe(await ok(api.GET('/api/v1/me')));
  } catch (err) {
    // An API build without /me still answers the campaign list to a good token (and 401 to a bad one).
    if (!(err instanceof ApiError && err.notFound)) throw err;
    await ok(api.GET('/api/v1/campaigns'));
    if (session.token) setMe(null);
  }
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
