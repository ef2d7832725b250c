import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { prefetch } from './api/client.ts';
import { App } from './app/App.tsx';
import './styles.css';

// Start the page's main request now, while React initialises (the largest document is ~70 KB of JSON).
const page = /^\/(documents|issues)\/(\d+)\/?$/.exec(location.pathname);
if (page) prefetch(`/api/${page[1]}/${page[2]}`);

const root = document.getElementById('root');
if (!root) throw new Error('缺少 #root 元素');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
