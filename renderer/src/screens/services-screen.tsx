import type { Catalog, Language } from '../../../main/contract';
import { servicesByProvider } from '../catalog-view';
import { useKioskT } from '../use-kiosk-t';
import { NavBar } from './nav-bar';
import { PagingButtons } from './paging-buttons';
import { useScrollPaging } from './use-scroll-paging';

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
  const { ref, canGoUp, canGoDown, page } = useScrollPaging();
  return (
    <main className="screen screen--services" data-testid="screen-services">
      <h1 className="screen__title">{t('services.title')}</h1>
      <div className="screen__body screen__body--scroll" ref={ref} data-testid="services-list">
        <div>
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
      </div>
      <NavBar language={language} onBack={onBack} onHome={onHome}>
        <PagingButtons language={language} canGoUp={canGoUp} canGoDown={canGoDown} onPage={page} />
      </NavBar>
    </main>
  );
}
