import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { ErrorState } from '../../../components/ui/status.js';
import { formatNumber, shortHash } from '../../../lib/format.js';
import type { useVerifyAuditChain } from '../api/verify-audit-chain.js';

type Verification = ReturnType<typeof useVerifyAuditChain>;

/** "Verify chain": the server re-checks every hash of the log. */
export function VerifyChainButton({ verify }: { verify: Verification }) {
  const { t } = useTranslation();
  return (
    <Button variant="secondary" size="small" disabled={verify.isPending} onClick={() => verify.mutate()} aria-describedby="verify-result">
      {verify.isPending ? t('audit.verify.running') : t('audit.verify.button')}
    </Button>
  );
}

/** The answer of the check: intact ✔ with the count and the last hash, or the broken entries. */
export function VerifyChainResult({ verify }: { verify: Verification }) {
  const { t } = useTranslation();
  return (
    <div id="verify-result" aria-live="polite">
      {verify.isError && <ErrorState error={verify.error} />}
      {verify.isSuccess &&
        (verify.data.ok ? (
          <Alert tone="success" title={t('audit.verify.ok', { count: verify.data.entries, formatted: formatNumber(verify.data.entries) })}>
            <p>{t('audit.verify.lastHash', { hash: shortHash(verify.data.lastHash, 24) })}</p>
          </Alert>
        ) : (
          <Alert tone="danger" title={t('audit.verify.broken', { count: verify.data.problems.length })}>
            <ul>
              {verify.data.problems.map((p) => (
                <li key={`${p.seq}:${p.problem}`}>
                  #{p.seq} · {p.problem}: {p.detail}
                </li>
              ))}
            </ul>
          </Alert>
        ))}
    </div>
  );
}
