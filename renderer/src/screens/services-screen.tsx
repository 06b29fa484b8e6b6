import type { Catalog, Language } from '../../../main/contract';
import { servicesByProvider } from '../catalog-view';
import { useKioskT } from '../use-kiosk-t';
import { NavBar } from './nav-bar';

interface ServicesScreenProps {
  language: Language;
  catalog: Catalog;
  onChoose: (serviceId: string) => void;
  onBack: () => void;
  onHome: () => void;
}

/** Services under their provider's name, as visitors know the ministry or company they came for. */
export function ServicesScreen({ language, catalog, onChoose, onBack, onHome }: ServicesScreenProps) {
  const t = useKioskT(language);
  return (
    <main className="screen screen--services" data-testid="screen-services">
      <h1 className="screen__title">{t('services.title')}</h1>
      <div className="screen__body screen__body--scroll">
        {servicesByProvider(catalog).map(({ provider, services }) => (
          <section key={provider.id} className="provider" data-testid={`provider-${provider.id}`}>
            <h2 className="provider__name">{provider.name[language]}</h2>
            <div className="service-list">
              {services.map((service) => (
                <button
                  key={service.id}
                  type="button"
                  className="big-button service-button"
                  data-testid={`service-${service.id}`}
                  onClick={() => onChoose(service.id)}
                >
                  {service.name[language]}
                </button>
              ))}
            </div>
          </section>
        ))}
      </div>
      <NavBar language={language} onBack={onBack} onHome={onHome} />
    </main>
  );
}
