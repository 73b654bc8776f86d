// Errors that keep their code across the worker boundary: comlink's default 'throw' handler keeps only
// name, message and stack, so an EvalError would arrive as a plain Error. Register on both sides.

import { transferHandlers, type TransferHandler } from 'comlink';
import { EvalError, isErrorCode } from '../src/core/errors';

interface SerializedError {
  isError: boolean;
  name?: string;
  message?: string;
  stack?: string;
  code?: string;
  value?: unknown;
}

interface Thrown {
  value: unknown;
}

/** comlink marks thrown values with a private symbol named "Comlink.thrown". */
function isThrown(v: unknown): v is Thrown {
  return (
    typeof v === 'object' &&
    v !== null &&
    Object.getOwnPropertySymbols(v).some((s) => s.description === 'Comlink.thrown')
  );
}

export const errorTransferHandler: TransferHandler<Thrown, SerializedError> = {
  canHandle: (v: unknown): v is Thrown => isThrown(v),
  serialize({ value }) {
    if (value instanceof Error) {
      const code = (value as { code?: unknown }).code;
      return [
        {
          isError: true,
          name: value.name,
          message: value.message,
          stack: value.stack,
          ...(typeof code === 'string' ? { code } : {}),
        },
        [],
      ];
    }
    return [{ isError: false, value }, []];
  },
  deserialize(s) {
    if (!s.isError) throw s.value;
    // only a catalogued code comes back as an EvalError; anything else arrives as a plain Error
    if (s.code !== undefined && isErrorCode(s.code)) {
      const e = new EvalError(s.code, s.message ?? '');
      if (s.stack) e.stack = s.stack;
      throw e;
    }
    throw Object.assign(new Error(s.message ?? ''), { name: s.name ?? 'Error', stack: s.stack });
  },
};

export function registerErrorTransfer(): void {
  transferHandlers.set('throw', errorTransferHandler as TransferHandler<unknown, unknown>);
}
