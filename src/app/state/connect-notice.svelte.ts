// The origins this page was refused since it loaded (lib/dom/connect-policy.ts), for the reload notice in the shell:
// each is saved already, so a reload is all it takes.
import { onBlockedOrigin } from '../lib/dom/connect-policy';

class ConnectNotice {
  origins = $state.raw<string[]>([]);

  constructor() {
    onBlockedOrigin((origin) => {
      if (!this.origins.includes(origin)) this.origins = [...this.origins, origin];
    });
  }
}

export const connectNotice = new ConnectNotice();
