import './capture-errors';
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { createApi } from './lib/api';
import { reportFirstPaint } from './lib/first-paint';
import { applyTheme, currentTheme } from './lib/theme';

// Before the first paint, so the window never flashes the wrong theme.
applyTheme(currentTheme());

const target = document.getElementById('app');
if (!target) throw new Error('#app element missing from index.html');

const api = createApi();
const app = mount(App, {
  target,
  props: {
    api,
    // End-to-end tests wait for this marker before looking at the window.
    onready: () => {
      document.body.dataset.ready = 'true';
      void reportFirstPaint(api);
    },
  },
});

export default app;
