import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../lib/i18n.js';
import { ApiError } from '../lib/problem-details.js';
import { createQueryClient } from '../lib/query-client.js';
import { meQueryKey } from '../features/auth/api/get-me.js';
import { createAppRouter } from './router.js';
import { InstallationWordsLoader } from './installation-words-loader.js';

/**
 * A call refused with `password_change_required` means the session now needs a new password (say, an admin reset
 * it): reading the user again lets the password gate take over.
 */
function createAppQueryClient() {
  const client = createQueryClient({
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'password_change_required') void client.invalidateQueries({ queryKey: meQueryKey });
    },
  });
  return client;
}

export function App() {
  const [queryClient] = useState(createAppQueryClient);
  const [router] = useState(createAppRouter);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <InstallationWordsLoader />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
