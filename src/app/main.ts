// App entry: mounts the Svelte shell into index.html's #app.
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { installConnectPolicy } from './lib/dom/connect-policy';
import { ensureIsolation } from './lib/dom/isolation';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');
// Before anything fetches: the connect-src this user's settings and link allow (lib/dom/connect-policy.ts).
installConnectPolicy();
ensureIsolation();
export default mount(App, { target });
