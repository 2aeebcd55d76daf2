/**
 * The API's connection to Temporal. The SDK retries a failing call up to 10 times with backoff, so a
 * request made while Temporal is away would wait ~20 s before the API could answer 503; the person
 * is better served by a quick 503 with Retry-After (the drill measured both). Four attempts ride out
 * a blip and answer within ~1.5 s.
 */
import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

export function connectApiClient(address: string, connectTimeout = 10_000): Promise<Connection> {
  return Connection.connect({ address, connectTimeout, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4 }))] });
}
