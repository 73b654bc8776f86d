// The CLI's factories for the backend kinds that run under Node (core/models/backend-kinds.ts): the Record over
// BackendKindsOn<'node'> makes a kind the table marks as Node-capable a compile error here until it is wired.
import { createOpenAIBackend } from '../backends/openai';
import { createSharpImageEncoder } from '../backends/openai/node-image';
import type { BackendKindsOn } from '../core/models/backend-kinds';
import type { ModelBackend } from '../core/ports';

export type CliBackendKind = BackendKindsOn<'node'>;

export interface CliBackendOptions {
  /** The name the server serves the model under. */
  model: string;
  endpoints: readonly string[];
  /** Requests in flight per endpoint. */
  maxInFlight: number;
  apiKey?: string;
  timeoutMs: number;
  /** Attempts per request for transient errors. */
  retries: number;
  /** Cap on one answer's bytes; default derived from max new tokens. */
  maxResponseBytes?: number;
}

export interface CliBackend extends ModelBackend {
  /** Normalised endpoint URLs, as stored in the manifest. */
  readonly endpoints: readonly string[];
}

export const CLI_BACKENDS: Readonly<Record<CliBackendKind, (options: CliBackendOptions) => CliBackend>> = {
  openai: (o) =>
    createOpenAIBackend({
      model: o.model,
      endpoints: o.endpoints.map((url) => ({ url, maxInFlight: o.maxInFlight })),
      ...(o.apiKey !== undefined ? { apiKey: o.apiKey } : {}),
      timeoutMs: o.timeoutMs,
      retry: { maxAttempts: o.retries },
      ...(o.maxResponseBytes !== undefined ? { maxResponseBytes: o.maxResponseBytes } : {}),
      encodeImage: createSharpImageEncoder(),
    }),
};
