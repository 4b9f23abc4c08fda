import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { createConsoleI18n, pickLocale, savedLocale } from './i18n';
import { ApiError } from './api/client';
import './styles.css';

// A 4xx will not get better by asking again; network failures and 5xx get two more tries.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500), refetchOnWindowFocus: true },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('the console page has no #root element');
const i18n = await createConsoleI18n(pickLocale(savedLocale(), navigator.languages));
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
