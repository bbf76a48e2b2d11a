import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getOrgUnits } from '../features/audit/api/get-org-units.js';
import { setInstallationWords } from '../lib/i18n.js';
import { installationWords } from '../lib/installation-words.js';

/**
 * Reads the installation's units once and gives the texts their words ('자치구' in Seoul, '시·군' in a province).
 * Renders nothing; until the answer arrives (or if it fails) the texts keep Seoul's words.
 */
export function InstallationWordsLoader() {
  const { data } = useQuery({ queryKey: ['public', 'org-units'], queryFn: ({ signal }) => getOrgUnits(signal), staleTime: 60 * 60_000 });
  useEffect(() => {
    if (!data) return;
    const words = installationWords(data.orgUnits, data.words);
    if (words) setInstallationWords(words);
  }, [data]);
  return null;
}
