import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../lib/i18n.js';

/** Switches between Korean and English; the button is labelled in the language it switches to. */
export function LanguageToggle({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'ko' : 'en';
  return (
    <button type="button" className={className} lang={next} title={t('header.languageToggleLabel')} onClick={() => setLanguage(next)}>
      <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4">
        <circle cx="8" cy="8" r="6.5" />
        <path d="M1.5 8h13M8 1.5c1.8 1.9 2.6 4 2.6 6.5S9.8 12.6 8 14.5M8 1.5C6.2 3.4 5.4 5.5 5.4 8s.8 4.6 2.6 6.5" />
      </svg>
      {t('header.languageToggle')}
    </button>
  );
}
