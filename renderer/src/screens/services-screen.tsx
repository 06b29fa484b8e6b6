import type { CSSProperties } from 'react';
import type { Catalog, Language } from '../../../main/contract';
import {
  categoriesOf,
  countServicesOf,
  findCategory,
  findProvider,
  providersWithServices,
  servicesOf,
} from '../catalog-view';
import type { MenuScreen } from '../kiosk-flow';
import { useKioskT } from '../use-kiosk-t';
import { useSpokenPrompt } from '../use-spoken-prompt';
import { SearchIcon } from './icons';
import { NavBar } from './nav-bar';
import { PagingButtons } from './paging-buttons';
import { PathBar } from './path-bar';
import { useScrollPaging } from './use-scroll-paging';

interface ServicesScreenProps {
  language: Language;
  catalog: Catalog;
  screen: MenuScreen;
  onProvider: (providerId: string, onlyCategoryId?: string) => void;
  onCategory: (categoryId: string) => void;
  onService: (serviceId: string) => void;
  onSearch: () => void;
  onJump: (screen: MenuScreen) => void;
  onBack: () => void;
  onHome: () => void;
}

/**
 * The menu, one level at a time: providers (as visitors know the ministry or company they came
 * for), then the provider's topics, then the services. Search is at the top of every level.
 */
export function ServicesScreen(props: ServicesScreenProps) {
  const { language, catalog, screen, onSearch, onJump, onBack, onHome } = props;
  const t = useKioskT(language);
  const { ref, canGoUp, canGoDown, page } = useScrollPaging();
  const level =
    screen.categoryId !== undefined ? 'services' : screen.providerId !== undefined ? 'categories' : 'providers';
  const title =
    level === 'providers'
      ? t('menu.providersTitle')
      : level === 'categories'
        ? (findProvider(catalog, screen.providerId)?.name[language] ?? '')
        : (findCategory(catalog, screen.categoryId)?.name[language] ?? '');
  const prompt =
    level === 'providers' ? undefined : level === 'categories' ? t('menu.categoriesTitle') : t('menu.servicesTitle');
  useSpokenPrompt(language, t(`speech.${level}`, { title }));
  return (
    <main className="screen screen--services" data-testid="screen-services" data-level={level}>
      <PathBar language={language} catalog={catalog} at={screen} onJump={onJump} />
      <div className="screen__head">
        <div className="screen__heading">
          <h1 className="screen__title">{title}</h1>
          {prompt && <p className="screen__prompt">{prompt}</p>}
        </div>
        <button type="button" className="big-button search-button" data-testid="open-search" onClick={onSearch}>
          <SearchIcon />
          <span>{t('menu.search')}</span>
        </button>
      </div>
      <div className="screen__body screen__body--scroll" ref={ref} data-testid="services-list">
        <div className="menu-list">{renderItems()}</div>
      </div>
      <NavBar language={language} onBack={onBack} onHome={onHome}>
        <PagingButtons language={language} canGoUp={canGoUp} canGoDown={canGoDown} onPage={page} />
      </NavBar>
    </main>
  );

  function renderItems() {
    if (level === 'providers') {
      return providersWithServices(catalog).map((provider) => {
        const categories = categoriesOf(catalog, provider.id);
        return (
          <button
            key={provider.id}
            type="button"
            className="big-button menu-button menu-button--provider"
            // The colour is a stripe beside the name: a help for those who know it, never the only cue.
            style={{ '--provider-colour': provider.colour } as CSSProperties}
            data-testid={`provider-${provider.id}`}
            onClick={() => props.onProvider(provider.id, categories.length === 1 ? categories[0]!.id : undefined)}
          >
            {provider.logo && <img className="menu-button__logo" src={provider.logo} alt="" />}
            <span className="menu-button__text">
              <span className="menu-button__name">{provider.name[language]}</span>
              <span className="menu-button__detail">
                {t('menu.services', { count: countServicesOf(catalog, provider.id) })}
              </span>
            </span>
          </button>
        );
      });
    }
    if (level === 'categories') {
      return categoriesOf(catalog, screen.providerId!).map((category) => (
        <button
          key={category.id}
          type="button"
          className="big-button menu-button"
          data-testid={`category-${category.id}`}
          onClick={() => props.onCategory(category.id)}
        >
          <span className="menu-button__text">
            <span className="menu-button__name">{category.name[language]}</span>
            <span className="menu-button__detail">
              {t('menu.services', { count: servicesOf(catalog, category.id).length })}
            </span>
          </span>
        </button>
      ));
    }
    return servicesOf(catalog, screen.categoryId!).map((service) => (
      <button
        key={service.id}
        type="button"
        className="big-button menu-button"
        data-testid={`service-${service.id}`}
        onClick={() => props.onService(service.id)}
      >
        <span className="menu-button__text">
          <span className="menu-button__name">{service.name[language]}</span>
          <span className="menu-button__detail">{service.description[language]}</span>
        </span>
      </button>
    ));
  }
}
