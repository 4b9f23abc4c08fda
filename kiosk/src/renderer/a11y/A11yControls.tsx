import { useContext, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../i18n/format-number';
import { useSession } from '../state/session-context';
import { A11yContext, usePreferences } from './a11y-context';
import { PrivateConsentDialog } from './PrivateConsentDialog';
import { stepRate, type A11yPreferences } from './preferences';

type Toggle = 'textSize' | 'contrast' | 'reach' | 'audio';

const ON: Record<Toggle, A11yPreferences[Toggle]> = { textSize: 'large', contrast: 'high', reach: 'on', audio: 'on' };
const OFF: Record<Toggle, A11yPreferences[Toggle]> = { textSize: 'normal', contrast: 'normal', reach: 'off', audio: 'off' };

/** Simple line icons (decorative: the words name the control). */
const ICONS: Record<Toggle, ReactNode> = {
  textSize: (
    <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false"><path d="M4 40 16 8h4l12 32M9 28h18M30 40l7-18h3l7 18M32 34h13" fill="none" stroke="currentColor" strokeWidth="4" /></svg>
  ),
  contrast: (
    <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false"><circle cx="24" cy="24" r="19" fill="none" stroke="currentColor" strokeWidth="4" /><path d="M24 5a19 19 0 0 1 0 38z" fill="currentColor" /></svg>
  ),
  reach: (
    <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false"><path d="M24 4v30M12 22l12 12 12-12M6 44h36" fill="none" stroke="currentColor" strokeWidth="4" /></svg>
  ),
  audio: (
    <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false"><path d="M6 18h9l12-10v32L15 30H6zM33 16a10 10 0 0 1 0 16M38 10a18 18 0 0 1 0 28" fill="none" stroke="currentColor" strokeWidth="4" /></svg>
  ),
};

/**
 * The accessibility switches (in the Help dialog): large text, high contrast, controls lower down,
 * reading aloud, and while reading aloud: the volume, the speed of the voice (stated, and said
 * after each change) and whether personal data may be read through the loudspeaker (asked to
 * confirm first, EN 301 549 5.1.3.8-9) and the screen curtain (nothing shown, for privacy). Each
 * switch is a toggle button with its state.
 */
export function A11yControls() {
  const { t } = useTranslation();
  const services = useContext(A11yContext);
  const session = useSession();
  const current = usePreferences();
  const titleId = useId();
  const rateId = useId();
  const [confirming, setConfirming] = useState(false);
  if (current === null || services === null) return null;
  const { preferences, speech } = services;
  const locale = () => session.getSnapshot().context.locale;
  const toggle = (name: Toggle) => {
    const on = current[name] === ON[name];
    preferences.set({ [name]: on ? OFF[name] : ON[name] });
    if (name === 'audio') {
      const locale = session.getSnapshot().context.locale;
      if (on) speech.stop();
      void speech.say(t(on ? 'a11y.audioOff' : 'a11y.audioOn'), locale);
    }
  };
  const volume = (change: 'down' | 'up') => {
    void speech.volume(change).then((status) => {
      if (status === null) return;
      preferences.set({ volumeStep: status.volumeStep });
      void speech.say(t('a11y.volumeLevel', { step: status.volumeStep + 1, steps: status.volumeSteps }), locale());
    });
  };
  const rateText = (rate: number) => t('a11ySpeech.rateNow', { percent: formatPercent(locale(), rate) });
  const rate = (change: 'slower' | 'faster') => {
    const next = stepRate(current.rate, change);
    preferences.set({ rate: next });
    // Said after the agent applied it: the citizen hears the new speed.
    void speech.rate(next).then(() => speech.say(rateText(next), locale()));
  };
  const privateAloud = () => {
    if (!current.privateConsent) {
      setConfirming(true);
      return;
    }
    preferences.set({ privateConsent: false });
    void speech.consent(false).then(() => speech.say(t('a11ySpeech.consentOff'), locale()));
  };
  const answerConsent = (agreed: boolean) => {
    setConfirming(false);
    if (!agreed) return;
    void speech.consent(true).then((status) => {
      if (status === null) return;
      preferences.set({ privateConsent: status.privateConsent });
      void speech.say(t('a11ySpeech.consentOn'), locale());
    });
  };
  const curtain = () => {
    const on = current.curtain === 'on';
    preferences.set({ curtain: on ? 'off' : 'on' });
    void speech.say(t(on ? 'a11ySpeech.curtainOff' : 'a11ySpeech.curtainOn'), locale());
  };
  const labels: Record<Toggle, string> = { textSize: t('a11y.textSize'), contrast: t('a11y.contrast'), reach: t('a11y.reach'), audio: t('a11y.audio') };
  return (
    <section className="a11y-controls" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('a11y.controlsTitle')}</h3>
      <div className="a11y-toggle-grid">
        {(['textSize', 'contrast', 'reach', 'audio'] as const).map((name) => (
          <button
            key={name}
            type="button"
            className="button button-secondary a11y-toggle"
            aria-pressed={current[name] === ON[name]}
            data-testid={`a11y-${name}`}
            onClick={() => toggle(name)}
          >
            {ICONS[name]}
            <span>{labels[name]}</span>
          </button>
        ))}
      </div>
      {current.audio === 'on' ? (
        <div className="a11y-volume">
          <button type="button" className="button button-secondary" data-testid="a11y-volume-down" onClick={() => volume('down')}>
            {t('a11y.volumeDown')}
          </button>
          <button type="button" className="button button-secondary" data-testid="a11y-volume-up" onClick={() => volume('up')}>
            {t('a11y.volumeUp')}
          </button>
          <p id={rateId} className="a11y-rate-now" data-testid="a11y-rate-now">
            {rateText(current.rate)}
          </p>
          <button type="button" className="button button-secondary" data-testid="a11y-rate-slower" aria-describedby={rateId} onClick={() => rate('slower')}>
            {t('a11ySpeech.slower')}
          </button>
          <button type="button" className="button button-secondary" data-testid="a11y-rate-faster" aria-describedby={rateId} onClick={() => rate('faster')}>
            {t('a11ySpeech.faster')}
          </button>
          <button
            type="button"
            className="button button-secondary a11y-toggle a11y-private-aloud"
            aria-pressed={current.privateConsent}
            data-testid="a11y-private-aloud"
            onClick={privateAloud}
          >
            <span>{t('a11ySpeech.privateAloud')}</span>
          </button>
          <button type="button" className="button button-secondary a11y-toggle a11y-curtain" aria-pressed={current.curtain === 'on'} data-testid="a11y-curtain" data-a11y-announces onClick={curtain}>
            <span>{t('a11ySpeech.curtain')}</span>
          </button>
        </div>
      ) : null}
      {confirming ? <PrivateConsentDialog onAnswer={answerConsent} /> : null}
    </section>
  );
}
