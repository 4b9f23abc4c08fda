import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickLocale, translator } from './messages';
import './styles.css';

const locale = pickLocale(navigator.languages);
document.documentElement.lang = locale;
const root = document.getElementById('root');
if (!root) throw new Error('the console page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App t={translator(locale)} />
  </StrictMode>,
);
