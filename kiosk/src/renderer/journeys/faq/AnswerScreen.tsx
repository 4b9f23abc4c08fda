import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { textDirection, type FaqEntry } from '@kiosk/shared';
import { ScreenFrame } from '../../components/ScreenFrame';
import { LANGUAGE_ENDONYMS } from '../../i18n/endonyms';
import { useSession } from '../../state/session-context';
import { handOff } from './handoff';
import { selectEasyRead, selectEntry, selectEntryFailed, selectUseful, type FaqActor } from './selectors';

/** The answer or procedure sheet, its easy-read version on request, and "was this useful?". */
export function AnswerScreen({ actor }: { actor: FaqActor }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const entry = useSelector(actor, selectEntry);
  const failed = useSelector(actor, selectEntryFailed);
  const easyRead = useSelector(actor, selectEasyRead);
  const useful = useSelector(actor, selectUseful);
  const back = (
    <button type="button" className="button button-secondary action-start" data-testid="faq-back" onClick={() => actor.send({ type: 'step.back' })}>
      {t('common.back')}
    </button>
  );

  if (entry === null) {
    return (
      <ScreenFrame title={t('faq.title')} actions={back}>
        {failed ? (
          <>
            <p className="lead" role="alert" data-testid="faq-entry-failed">{t('faq.entryFailed')}</p>
            <button type="button" className="button button-primary" data-testid="faq-entry-retry" onClick={() => actor.send({ type: 'entry.retried' })}>
              {t('faq.retry')}
            </button>
          </>
        ) : (
          <p className="lead" role="status">{t('faq.loadingEntry')}</p>
        )}
      </ScreenFrame>
    );
  }

  const easyReadText = entry.kind === 'procedure' ? entry.text.easyRead : entry.text.easyRead;
  const title = entry.kind === 'procedure' ? entry.text.title : entry.text.question;
  return (
    <ScreenFrame
      title={title}
      className="screen-faq-answer"
      actions={
        <>
          {back}
          <button type="button" className="button button-primary action-end" data-testid="faq-finish" onClick={() => actor.send({ type: 'faq.finished' })}>
            {t('faq.finish')}
          </button>
        </>
      }
    >
      <div className="faq-scroll">
        {entry.locale !== i18n.language ? (
          <p className="notice" data-testid="faq-other-language">{t('faq.otherLanguage', { language: LANGUAGE_ENDONYMS[entry.locale] })}</p>
        ) : null}
        {easyReadText ? (
          <button
            type="button"
            className="button button-secondary faq-easy-read-toggle"
            data-testid="faq-easy-read"
            aria-pressed={easyRead}
            onClick={() => actor.send({ type: 'easyRead.toggled' })}
          >
            {easyRead ? t('faq.fullText') : t('faq.easyRead')}
          </button>
        ) : null}
        <div lang={entry.locale} dir={textDirection(entry.locale)} data-testid="faq-answer" data-mode={easyRead && easyReadText ? 'easy-read' : 'full'}>
          {easyRead && easyReadText ? <p className="faq-easy-read-text">{easyReadText}</p> : <FullText entry={entry} />}
        </div>
        <Feedback actor={actor} useful={useful} onRequest={() => handOff(actor, session, 'request')} />
      </div>
    </ScreenFrame>
  );
}

function FullText({ entry }: { entry: FaqEntry }) {
  const { t } = useTranslation();
  if (entry.kind === 'faq') return <p className="faq-answer-text">{entry.text.answer}</p>;
  const sheet = entry.text;
  return (
    <>
      <p className="faq-answer-text">{sheet.summary}</p>
      <dl className="faq-sheet" data-testid="faq-sheet">
        <dt>{t('faq.whatToBring')}</dt>
        <dd>
          <ul>
            {sheet.whatToBring.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('faq.cost')}</dt>
        <dd data-testid="faq-sheet-cost">{sheet.cost}</dd>
        <dt>{t('faq.duration')}</dt>
        <dd>{sheet.duration}</dd>
        <dt>{t('faq.where')}</dt>
        <dd>{sheet.where}</dd>
        <dt>{t('faq.responsible')}</dt>
        <dd>{sheet.responsible}</dd>
      </dl>
    </>
  );
}

function Feedback({ actor, useful, onRequest }: { actor: FaqActor; useful: boolean | null; onRequest: () => void }) {
  const { t } = useTranslation();
  if (useful !== null) {
    return (
      <div className="faq-feedback" data-testid="faq-feedback-thanks" role="status">
        <p className="lead">{t('faq.thanks')}</p>
        {useful ? null : (
          <>
            <p>{t('faq.notUsefulHelp')}</p>
            <button type="button" className="button button-secondary" data-testid="faq-offer-request" onClick={onRequest}>
              {t('faq.fileRequest')}
            </button>
          </>
        )}
      </div>
    );
  }
  return (
    <div className="faq-feedback" role="group" aria-label={t('faq.usefulQuestion')}>
      <p className="lead">{t('faq.usefulQuestion')}</p>
      <div className="faq-offer-actions">
        <button type="button" className="button button-secondary" data-testid="faq-useful-yes" onClick={() => actor.send({ type: 'feedback.given', useful: true })}>
          {t('faq.yes')}
        </button>
        <button type="button" className="button button-secondary" data-testid="faq-useful-no" onClick={() => actor.send({ type: 'feedback.given', useful: false })}>
          {t('faq.no')}
        </button>
      </div>
    </div>
  );
}
