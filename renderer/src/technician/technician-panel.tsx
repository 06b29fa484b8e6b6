import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { LANGUAGE_AUTONYMS, LANGUAGES } from '../../../main/contract';
import type { KioskApi, Language } from '../../../main/contract';
import { isLanguage } from '../i18n';
import { FiguresPanel } from '../figures/figures-panel';
import { AccessibilitySection } from './sections/accessibility-section';
import { CatalogSection } from './sections/catalog-section';
import { ConfigurationSection } from './sections/configuration-section';
import { DesksSection } from './sections/desks-section';
import { DiagnosticsSection } from './sections/diagnostics-section';
import { HallDevicesSection } from './sections/hall-devices-section';
import { IdentitySection } from './sections/identity-section';
import { LanguagesSection } from './sections/languages-section';
import { LogSection } from './sections/log-section';
import { PinSection } from './sections/pin-section';
import { PrinterSection } from './sections/printer-section';
import { RatingSection } from './sections/rating-section';
import { TimeoutsSection } from './sections/timeouts-section';
import type { SettingsSectionProps } from './sections/section-props';
import type { EffectiveSettings } from './settings-types';
import { OutcomeView } from './fields';
import { TechnicianContext, useTechnician } from './technician-context';
import { useSettings } from './use-settings';

export const SECTIONS = [
  'hall-devices',
  'identity',
  'languages',
  'catalog',
  'printer',
  'timeouts',
  'accessibility',
  'rating',
  'desks',
  'pin',
  'diagnostics',
  'log',
  'configuration',
  'figures',
] as const;
export type SectionId = (typeof SECTIONS)[number];

/**
 * The sections a device's technician needs: the hall's devices on its server only, and no printer
 * there (the server prints nothing; its kiosks print on their own).
 */
export function sectionsOf(role: EffectiveSettings['role'] | undefined): readonly SectionId[] {
  if (role === 'hall-server') return SECTIONS.filter((id) => id !== 'printer');
  return SECTIONS.filter((id) => id !== 'hall-devices');
}

/** Sections that edit settings wait for them; the others stand on their own calls. */
function sectionBody(id: SectionId, props: SettingsSectionProps & { printerProfiles: string[] }): ReactNode {
  switch (id) {
    case 'hall-devices':
      return <HallDevicesSection />;
    case 'identity':
      return <IdentitySection {...props} />;
    case 'languages':
      return <LanguagesSection {...props} />;
    case 'catalog':
      return <CatalogSection />;
    case 'printer':
      return <PrinterSection {...props} />;
    case 'timeouts':
      return <TimeoutsSection {...props} />;
    case 'accessibility':
      return <AccessibilitySection {...props} />;
    case 'rating':
      return <RatingSection {...props} />;
    case 'desks':
      return <DesksSection {...props} />;
    case 'pin':
      return <PinSection />;
    case 'diagnostics':
      return <DiagnosticsSection />;
    case 'log':
      return <LogSection />;
    case 'configuration':
      return <ConfigurationSection />;
    case 'figures':
      return <FiguresSection />;
  }
}

/** The day's figures (built for the desk console too), shown with the technician's session. */
function FiguresSection() {
  const { api, token } = useTechnician();
  return <FiguresPanel api={api} token={token} />;
}

/** The technician panel: a list of sections beside (or above, in portrait) the chosen one. */
export function TechnicianPanel({ api, token, onClose }: { api: KioskApi; token: string; onClose(): void }) {
  const context = useMemo(() => ({ api, token, close: onClose }), [api, token, onClose]);
  const { i18n } = useTranslation();
  // The panel opens in the language the kiosk shows (the flow sets <html lang>) and the technician
  // may switch it; a copy of i18next, so the visitor screens keep theirs.
  const [language, setLanguage] = useState<Language>(() => {
    const shown = document.documentElement.lang;
    return isLanguage(shown) ? shown : 'en';
  });
  const panelI18n = useMemo(() => i18n.cloneInstance({ lng: language }), [i18n, language]);
  return (
    <I18nextProvider i18n={panelI18n}>
      <TechnicianContext.Provider value={context}>
        <PanelLayout onClose={onClose} language={language} onLanguage={setLanguage} />
      </TechnicianContext.Provider>
    </I18nextProvider>
  );
}

function PanelLayout(props: { onClose(): void; language: Language; onLanguage(language: Language): void }) {
  const { onClose } = props;
  const { t } = useTranslation('technician');
  const settings = useSettings();
  // Shown once the settings tell the role: a hall server opens on its devices.
  const sections = sectionsOf(settings.effective?.role);
  const [chosen, setSection] = useState<SectionId | null>(null);
  const section = chosen ?? sections[0]!;
  return (
    <div
      className="technician-overlay technician-overlay--panel"
      role="dialog"
      aria-modal="true"
      aria-label={t('panel.title')}
      data-testid="technician-panel"
    >
      <header className="technician-header">
        <h1 className="technician-title">{t('panel.title')}</h1>
        <select
          className="technician-input"
          aria-label={t('panel.language')}
          data-testid="technician-panel-language"
          value={props.language}
          onChange={(event) => isLanguage(event.target.value) && props.onLanguage(event.target.value)}
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {LANGUAGE_AUTONYMS[language]}
            </option>
          ))}
        </select>
        <button type="button" className="technician-button" data-testid="technician-close" onClick={onClose}>
          {t('panel.close')}
        </button>
      </header>
      <div className="technician-layout">
        <nav className="technician-nav" aria-label={t('panel.title')}>
          {sections.map((id) => (
            <button
              key={id}
              type="button"
              className="technician-nav__item"
              aria-current={id === section ? 'page' : undefined}
              data-testid={`technician-nav-${id}`}
              onClick={() => {
                settings.forgetOutcome();
                setSection(id);
              }}
            >
              {t(`sections.${id}`)}
            </button>
          ))}
        </nav>
        <section
          className="technician-section"
          data-testid={`technician-section-${section}`}
          aria-label={t(`sections.${section}`)}
        >
          {/* The figures panel carries its own heading. */}
          {section !== 'figures' && <h2>{t(`sections.${section}`)}</h2>}
          {settings.effective ? (
            // Keyed by the settings read, so a section's form starts from what is now in effect.
            <div key={JSON.stringify(settings.effective)} className="technician-form">
              {sectionBody(section, {
                effective: settings.effective,
                save: settings.save,
                printerProfiles: settings.printerProfiles,
              })}
            </div>
          ) : (
            <p>{t('loading')}</p>
          )}
          <OutcomeView outcome={settings.lastOutcome} />
        </section>
      </div>
    </div>
  );
}
