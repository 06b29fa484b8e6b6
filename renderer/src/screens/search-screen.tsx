import type { Catalog, Language } from '../../../main/contract';
import type { SearchHit } from '../search/service-search';
import { findProvider, findService } from '../catalog-view';
import type { MenuScreen } from '../kiosk-flow';
import { useKioskT } from '../use-kiosk-t';
import { useSpokenPrompt } from '../use-spoken-prompt';
import { SearchIcon } from './icons';
import { NavBar } from './nav-bar';
import { OnScreenKeyboard } from './on-screen-keyboard';
import { PagingButtons } from './paging-buttons';
import { PathBar } from './path-bar';
import { useScrollPaging } from './use-scroll-paging';

interface SearchScreenProps {
  language: Language;
  catalog: Catalog;
  query: string;
  hits: readonly SearchHit[];
  onQuery: (query: string) => void;
  onService: (serviceId: string) => void;
  onJump: (screen: MenuScreen) => void;
  onBack: () => void;
  onHome: () => void;
}

/** Search as you type on the kiosk's own keyboard; results update with every key. */
export function SearchScreen(props: SearchScreenProps) {
  const { language, catalog, query, hits, onQuery, onService, onJump, onBack, onHome } = props;
  const t = useKioskT(language);
  useSpokenPrompt(language, t('speech.search'));
  const typed = query.trim() !== '';
  // Results longer than the screen get the same arrows as the menu lists.
  const { ref, canGoUp, canGoDown, page } = useScrollPaging();
  return (
    <main className="screen screen--search" data-testid="screen-search">
      <PathBar
        language={language}
        catalog={catalog}
        at={{ name: 'services' }}
        current={t('search.title')}
        onJump={onJump}
      />
      <div className="search__query" data-testid="search-query" aria-label={t('search.query')} role="status">
        <SearchIcon />
        <span className={typed ? 'search__text' : 'search__text search__text--prompt'}>
          {typed ? query : t('search.prompt')}
        </span>
      </div>
      <div className="search__layout">
        <div className="search__results screen__body--scroll" data-testid="search-results" ref={ref}>
          {typed && (
            <p className="search__count" data-testid="search-count">
              {hits.length === 0 ? t('search.noResults') : t('search.found', { count: hits.length })}
            </p>
          )}
          <div className="menu-list">
            {hits.map((hit) => {
              const service = findService(catalog, hit.serviceId);
              if (!service) return null;
              return (
                <button
                  key={hit.serviceId}
                  type="button"
                  className="big-button menu-button"
                  data-testid={`service-${hit.serviceId}`}
                  onClick={() => onService(hit.serviceId)}
                >
                  <span className="menu-button__text">
                    <span className="menu-button__name">{service.name[language]}</span>
                    <span className="menu-button__detail">
                      {findProvider(catalog, service.providerId)?.name[language]}
                    </span>
                  </span>
                </button>
              );
            })}
          </div>
        </div>
        <OnScreenKeyboard language={language} value={query} onChange={onQuery} />
      </div>
      <NavBar language={language} onBack={onBack} onHome={onHome}>
        <PagingButtons language={language} canGoUp={canGoUp} canGoDown={canGoDown} onPage={page} />
      </NavBar>
    </main>
  );
}
