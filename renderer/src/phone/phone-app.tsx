import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog, KioskApi, KioskInfo, Language, PhoneTicket } from '../../../main/contract';
import { findService } from '../catalog-view';
import { LanguagePicker } from '../console/language-picker';
import { Face } from '../screens/face';
import { CheckIcon, SpeakerIcon } from '../screens/icons';
import { RatingChoices, RatingFooter, showsReasonChips } from '../screens/rating-choices';
import { WaitLine } from '../screens/wait-estimate';
import { useKioskT } from '../use-kiosk-t';
import type { CallAlert } from './call-alert';
import { chosenFace, chosenReasons } from './phone-rating';
import { formatDay, newCall, pageLanguage, phoneScreen, type PhoneScreen } from './phone-view';
import { usePhoneRating, type PhoneRatingControls } from './use-phone-rating';
import { usePhoneSetup } from './use-phone-setup';
import { usePhoneTicket } from './use-phone-ticket';

interface PhoneAppProps {
  api: KioskApi;
  /** The ticket's ref from the address's fragment; null when the page was opened without one. */
  ticketRef: string | null;
  alert: CallAlert;
  /** The phone's own languages (navigator.languages), for a page whose ticket is not known. */
  phoneLanguages: readonly string[];
}

/** Screens on which a call can still come: the page offers sound there. */
const CALL_CAN_COME: ReadonlySet<PhoneScreen['name']> = new Set(['loading', 'not-found', 'waiting', 'called']);

/**
 * A visitor's ticket on their phone (/t/<ref>): the number, the place in the queue and the wait,
 * the desk when called (vibration and the chime), and the one-screen rating after the visit. No
 * login, nothing about the person, nothing but the hall server asked.
 */
export function PhoneApp({ api, ticketRef, alert, phoneLanguages }: PhoneAppProps) {
  const { info, catalog } = usePhoneSetup(api);
  const { known, offline, accept, refresh } = usePhoneTicket(api, ticketRef);
  const ticket = known?.kind === 'ticket' ? known.ticket : null;
  const [chosen, setChosen] = useState<Language | null>(null);
  const language = pageLanguage({
    chosen,
    ticketLanguage: ticket?.language ?? null,
    phoneLanguages,
    hallLanguages: info?.languages ?? [],
    hallDefault: info?.defaultLanguage ?? null,
  });
  const rating = usePhoneRating(api, ticketRef, ticket, accept, refresh);
  const screen = phoneScreen(known, rating.state);
  const [soundOn, setSoundOn] = useState(false);
  const t = useTranslation('phone', { lng: language }).t;

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    document.title = ticket ? `${ticket.number} · ${ticket.centreName}` : (info?.centreName ?? document.title);
  }, [ticket, info]);

  // The faces on show count the visit as offered a rating, as a kiosk's rating screen does (once: the server keeps one).
  const offered = useRef<string | null>(null);
  useEffect(() => {
    if (screen.name !== 'rate' || ticketRef === null || offered.current === ticketRef) return;
    offered.current = ticketRef;
    api
      .phoneRatingOffered({ ref: ticketRef })
      .catch((error: unknown) => console.error('phone: phoneRatingOffered failed', error));
  }, [api, screen.name, ticketRef]);

  // Each call once: the first, a recall, a call after a transfer (callKey).
  const alerted = useRef<string | null>(null);
  useEffect(() => {
    if (!ticket) return;
    const call = newCall(alerted.current, ticket);
    if (call === null) return;
    alerted.current = call;
    alert.alert();
  }, [ticket, alert]);

  const centreName = ticket?.centreName ?? info?.centreName ?? '';
  return (
    <div className="phone" data-testid="phone" data-screen={screen.name} lang={language}>
      {centreName !== '' && (
        <header className="phone__head">
          <p className="phone__centre" data-testid="phone-centre">
            {centreName}
          </p>
        </header>
      )}
      {offline && (
        <p className="phone__offline" role="status" data-testid="phone-offline">
          <span aria-hidden="true">⟳ </span>
          {t('offline')}
        </p>
      )}
      <main className={`phone__main phone__main--${screen.name}`} data-testid={`phone-${screen.name}`}>
        <ScreenBody screen={screen} ticket={ticket} language={language} info={info} catalog={catalog} rating={rating} />
      </main>
      <footer className="phone__foot">
        {CALL_CAN_COME.has(screen.name) &&
          alert.canSound &&
          (soundOn ? (
            <p className="phone__sound-on" data-testid="phone-sound-on">
              <SpeakerIcon /> {t('sound.on')}
            </p>
          ) : (
            <div className="phone__sound">
              <button
                type="button"
                className="big-button phone__sound-button"
                data-testid="phone-sound"
                onClick={() => void alert.turnOnSound().then(setSoundOn)}
              >
                <SpeakerIcon /> {t('sound.turnOn')}
              </button>
              <p className="phone__hint">{t('sound.hint')}</p>
            </div>
          ))}
        <LanguagePicker
          language={language}
          onPick={setChosen}
          languages={info?.languages}
          label={t('language')}
          testId="phone-language"
        />
      </footer>
    </div>
  );
}

interface ScreenBodyProps {
  screen: PhoneScreen;
  ticket: PhoneTicket | null;
  language: Language;
  info: KioskInfo | null;
  catalog: Catalog | null;
  rating: PhoneRatingControls;
}

function ScreenBody({ screen, ticket, language, info, catalog, rating }: ScreenBodyProps): ReactNode {
  const t = useTranslation('phone', { lng: language }).t;
  const k = useKioskT(language);
  const head = ticket && <TicketHead ticket={ticket} language={language} catalog={catalog} />;
  switch (screen.name) {
    case 'loading':
      return <p className="phone__title">{k('loading.title')}</p>;
    case 'no-link':
      return <Message title={t('noLink.title')} body={t('noLink.body')} />;
    case 'not-found':
      return <Message title={t('notFound.title')} body={t('notFound.body')} />;
    case 'earlier-day':
      return (
        <>
          {head}
          <Message title={t('earlierDay.title', { day: formatDay(screen.day) })} body={t('earlierDay.body')} />
        </>
      );
    case 'waiting':
      return (
        <>
          {head}
          <WaitLine
            language={language}
            peopleAhead={screen.peopleAhead ?? 0}
            minutes={screen.minutes}
            unknown={screen.peopleAhead === null}
            testId="phone-wait"
          />
          <p className="phone__hint">{t('waiting.keepOpen')}</p>
        </>
      );
    case 'called':
      return (
        <>
          {head}
          <div className="phone-call" role="alert" data-testid="phone-call" data-desk={screen.deskId ?? ''}>
            <p className="phone-call__title">{t('called.title')}</p>
            {screen.deskId !== null && (
              <p className="phone-call__desk" data-testid="phone-call-desk">
                {t('called.goTo', { desk: screen.deskId })}
              </p>
            )}
          </div>
        </>
      );
    case 'serving':
      return (
        <>
          {head}
          <div className="phone-panel" data-testid="phone-serving-desk" data-desk={screen.deskId ?? ''}>
            {screen.deskId !== null && (
              <p className="phone-panel__title">{t('serving.title', { desk: screen.deskId })}</p>
            )}
            <p className="phone-panel__text">{t('serving.body')}</p>
          </div>
        </>
      );
    case 'no-show':
      return (
        <>
          {head}
          <Message title={t('noShow.title')} body={t('noShow.body')} />
        </>
      );
    case 'rating-over':
      return (
        <>
          {head}
          <Message title={t('ratingOver.title')} body={t('ratingOver.body')} />
        </>
      );
    case 'rated':
      return (
        <div className="phone-thanks" data-testid="phone-thanks" data-score={screen.score}>
          <div className="thanks__icon">
            <CheckIcon />
          </div>
          <h1 className="phone__title">{k('thanks.title')}</h1>
          <p className="phone-thanks__score" data-testid="phone-thanks-score">
            <Face score={screen.score} />
            <span>{t('rated.yourScore', { score: k(`rating.score.${screen.score}`) })}</span>
          </p>
          <p className="phone__text">{k('thanks.body')}</p>
        </div>
      );
    case 'rate':
      if (!ticket || !info) return <p className="phone__title">{k('loading.title')}</p>;
      return <PhoneRating ticket={ticket} language={language} info={info} catalog={catalog} rating={rating} />;
  }
}

function TicketHead({
  ticket,
  language,
  catalog,
}: {
  ticket: PhoneTicket;
  language: Language;
  catalog: Catalog | null;
}) {
  const k = useKioskT(language);
  const service = catalog ? findService(catalog, ticket.serviceId)?.name[language] : undefined;
  return (
    <div className="phone-ticket">
      <p className="phone-ticket__label">{k('ticket.yourNumber')}</p>
      <p
        className="ticket__number phone-ticket__number"
        data-testid="phone-number"
        // Longer numbers (a group of two letters, four digits) are set smaller, never cut.
        style={{ '--chars': ticket.number.length } as CSSProperties}
      >
        {ticket.number}
      </p>
      {service !== undefined && (
        <p className="phone-ticket__service" data-testid="phone-service">
          {service}
        </p>
      )}
    </div>
  );
}

function Message({ title, body }: { title: string; body: string }) {
  return (
    <div className="phone-message">
      <h1 className="phone__title">{title}</h1>
      <p className="phone__text">{body}</p>
    </div>
  );
}

interface PhoneRatingProps {
  ticket: PhoneTicket;
  language: Language;
  info: KioskInfo;
  catalog: Catalog | null;
  rating: PhoneRatingControls;
}

/** The kiosk's one-screen rating, on the phone: a face is stored at the tap, chips after a low one, Done closes. */
function PhoneRating({ ticket, language, info, catalog, rating }: PhoneRatingProps) {
  const k = useKioskT(language);
  const { state } = rating;
  const chosen = chosenFace(state, ticket);
  const service = catalog ? findService(catalog, ticket.serviceId)?.name[language] : undefined;
  return (
    <div
      className={
        showsReasonChips(chosen, info.rating) ? 'rating phone-rating phone-rating--reasons' : 'rating phone-rating'
      }
      data-testid="screen-rating"
    >
      <div className="rating__head">
        <h1 className="phone__title">{k('rating.title')}</h1>
        <p className="phone__text" data-testid="rating-ticket-number">
          {k('rating.ticket', { number: ticket.number })}
          {service !== undefined && ` · ${service}`}
        </p>
      </div>
      <RatingChoices
        language={language}
        rating={info.rating}
        chosen={chosen}
        saving={state.saving !== null}
        stored={ticket.score !== null}
        reasons={chosenReasons(state, ticket)}
        onFace={rating.onFace}
        onReason={rating.onReason}
      />
      <RatingFooter
        language={language}
        saving={state.saving !== null}
        saveFailed={state.saveFailed}
        stored={ticket.score !== null}
        onDone={rating.onDone}
      />
    </div>
  );
}
