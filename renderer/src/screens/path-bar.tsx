import type { Catalog, Language } from '../../../main/contract';
import { findCategory, findProvider } from '../catalog-view';
import type { MenuScreen } from '../kiosk-flow';
import { useKioskT } from '../use-kiosk-t';

interface PathBarProps {
  language: Language;
  catalog: Catalog;
  /** The menu level the visitor is at, or, with `below`, the level of the page shown (a service page). */
  at: MenuScreen;
  below?: boolean;
  /** The name of a page outside the menu (search), shown as the last step. */
  current?: string;
  onJump: (screen: MenuScreen) => void;
}

/**
 * Where the visitor is: All services › provider › category › page. Every step but the last can be
 * tapped, so nobody has to press Back several times to change their mind.
 */
export function PathBar({ language, catalog, at, below = false, current, onJump }: PathBarProps) {
  const t = useKioskT(language);
  const provider = findProvider(catalog, at.providerId);
  const category = at.skippedCategories ? undefined : findCategory(catalog, at.categoryId);
  const steps: { label: string; screen: MenuScreen }[] = [{ label: t('menu.top'), screen: { name: 'services' } }];
  if (provider) steps.push({ label: provider.name[language], screen: { name: 'services', providerId: provider.id } });
  if (provider && category)
    steps.push({
      label: category.name[language],
      screen: { name: 'services', providerId: provider.id, categoryId: category.id },
    });
  if (at.skippedCategories && provider && at.categoryId) steps[steps.length - 1]!.screen = at;
  // The level on show is the screen's title; only at the top, where the title asks a question, is it named here.
  const here = below ? undefined : current === undefined ? steps.pop() : undefined;
  const hereLabel = current ?? (steps.length === 0 ? here?.label : undefined);
  return (
    <nav className="path-bar" aria-label={t('menu.path')} data-testid="path-bar">
      <ol className="path-bar__steps">
        {steps.map((step, index) => (
          <li key={index} className="path-bar__step">
            <button
              type="button"
              className="path-bar__link"
              data-testid={`path-${index}`}
              onClick={() => onJump(step.screen)}
            >
              {step.label}
            </button>
          </li>
        ))}
        {hereLabel && (
          <li className="path-bar__step path-bar__step--current" aria-current="page">
            {hereLabel}
          </li>
        )}
      </ol>
    </nav>
  );
}
