// The generations a backend has in flight, each under its own AbortController that follows the request's signal,
// so that interrupt() and dispose() can stop every one of them (a backend serves several requests at once).

export interface LiveGeneration {
  /** Aborts when the request's signal does, or on abortAll(). */
  signal: AbortSignal;
  /** Stops tracking (call it in `finally`). */
  end(): void;
}

export interface LiveGenerations {
  begin(requestSignal: AbortSignal | undefined): LiveGeneration;
  abortAll(): void;
}

export function createLiveGenerations(): LiveGenerations {
  const live = new Set<AbortController>();
  return {
    begin(requestSignal) {
      const controller = new AbortController();
      const forward = (): void => controller.abort(requestSignal?.reason);
      requestSignal?.addEventListener('abort', forward, { once: true });
      live.add(controller);
      return {
        signal: controller.signal,
        end: () => {
          live.delete(controller);
          requestSignal?.removeEventListener('abort', forward);
        },
      };
    },
    abortAll() {
      for (const c of live) c.abort();
    },
  };
}
