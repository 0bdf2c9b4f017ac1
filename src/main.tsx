/** Page entry: mounts the app shell. (Service-worker registration arrives with src/sw/.) */
import { render } from 'preact';
import { App } from './ui/app.js';
import './ui/app.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
render(<App connectivity={window} />, root);
