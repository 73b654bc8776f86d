// App entry: mounts the Svelte shell into index.html's #app.
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { ensureIsolation } from './lib/dom/isolation';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');
ensureIsolation();
export default mount(App, { target });
