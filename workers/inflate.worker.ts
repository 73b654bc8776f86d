// The inflate worker: inflates zip entries for one data worker on a thread of its own, so that a load of many
// deflated question files (OmniMedVQA's ≈40) parses one file while the next ones inflate. The page starts it beside
// the data worker and ends it when the load has answered; created only by src/app/job-workers.ts.
import { expose, transfer } from 'comlink';
import { inflateRaw } from '../src/data/zip';
import type { InflateWorkerApi } from './api';
import { registerErrorTransfer } from './error-transfer';

registerErrorTransfer();

const api: InflateWorkerApi = {
  connect(port) {
    expose(api, port);
  },
  async inflate(deflated) {
    const bytes = await inflateRaw(deflated);
    return transfer(bytes, [bytes.buffer]);
  },
};

expose(api);
