import { useTranslation } from 'react-i18next';

/**
 * The mark of a ticket whose print was interrupted (the kiosk stopped mid-print): its visitor may
 * hold no paper, so the desk calls it but expects a no-show. Words and a sign, not colour alone.
 */
export function PrintNotConfirmed() {
  const { t } = useTranslation('console');
  return (
    <span className="print-not-confirmed" data-testid="print-not-confirmed">
      <span aria-hidden="true">⚠ </span>
      {t('printNotConfirmed')}
    </span>
  );
}
