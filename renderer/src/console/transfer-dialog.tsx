import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Service } from '../../../main/contract';

interface TransferDialogProps {
  number: string;
  /** Enabled services of the catalog, the visit's own service excluded. */
  services: readonly Service[];
  language: Language;
  onPick: (serviceId: string) => void;
  onCancel: () => void;
}

/** Case- and accent-insensitive, so "sexsiyyet" finds "Şəxsiyyət". */
const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/ı/g, 'i').replace(/ə/g, 'e');

/** Picks the service a visit goes on to, from a list narrowed as staff type. */
export function TransferDialog({ number, services, language, onPick, onCancel }: TransferDialogProps) {
  const { t } = useTranslation('console');
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const folded = fold(query.trim());
    const named = services.map((service) => ({ id: service.id, name: service.name[language] }));
    const matching = folded ? named.filter((s) => fold(s.name).includes(folded) || s.id.includes(folded)) : named;
    return matching.sort((a, b) => a.name.localeCompare(b.name, language));
  }, [services, language, query]);

  return (
    <div className="transfer-backdrop">
      <section
        className="transfer-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="transfer-title"
        data-testid="transfer-dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      >
        <h2 id="transfer-title">{t('transfer.title', { number })}</h2>
        <label className="transfer-dialog__search">
          <span>{t('transfer.search')}</span>
          <input
            data-testid="transfer-search"
            value={query}
            autoFocus
            autoComplete="off"
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <ul className="transfer-dialog__list" data-testid="transfer-list">
          {shown.map((service) => (
            <li key={service.id}>
              <button type="button" data-testid={`transfer-to-${service.id}`} onClick={() => onPick(service.id)}>
                {service.name}
              </button>
            </li>
          ))}
        </ul>
        {shown.length === 0 && <p data-testid="transfer-none">{t('transfer.none')}</p>}
        <button type="button" className="console-secondary" data-testid="transfer-cancel" onClick={onCancel}>
          {t('transfer.cancel')}
        </button>
      </section>
    </div>
  );
}
