import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../main/contract';

interface StatusScreenProps {
  kind: 'loading' | 'unavailable';
}

/**
 * Before the kiosk knows its languages it cannot pick one, so the message is given in all of them.
 * While 'unavailable' shows, loading is retried behind it.
 */
export function StatusScreen({ kind }: StatusScreenProps) {
  const { i18n } = useTranslation('kiosk');
  return (
    <main className="screen screen--centred screen--status" data-testid={`screen-${kind}`}>
      <ul className="status__lines">
        {LANGUAGES.map((lng) => {
          const t = i18n.getFixedT(lng, 'kiosk');
          return (
            <li key={lng} lang={lng} className="status__line">
              {kind === 'loading' ? (
                t('loading.title')
              ) : (
                <>
                  <strong>{t('unavailable.title')}</strong> {t('unavailable.body')}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </main>
  );
}
