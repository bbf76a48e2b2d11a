import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Pretendard ships with the app: the variable font split into unicode-range subsets, so a page downloads only the
// glyphs it shows.
import 'pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css';
import './styles/tokens.css';
import './styles/global.css';
import './lib/i18n.js';
import { App } from './app/app.js';

const container = document.getElementById('root');
if (container === null) throw new Error('main: the page has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
