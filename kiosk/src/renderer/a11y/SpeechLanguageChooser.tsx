import { useContext, useEffect, useId, useRef, useState } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { textDirection, type KioskLocale } from '@kiosk/shared';
import { LANGUAGE_ENDONYMS } from '../i18n/endonyms';
import { useSession } from '../state/session-context';
import { selectLocale } from '../state/selectors';
import { A11yContext, usePreferences } from './a11y-context';
import { languageName, needsVoiceChoice, voiceChoices } from './speech-language';

/**
 * EN 301 549 5.1.3.14: speech in the display language, or in one the citizen chose where there is
 * no voice for it. When reading aloud is on and the agent has no voice for the display language
 * (espeak-ng: Basque, Galician), this asks which voiced language to hear, each named in itself,
 * Spanish first, and then says the choice in the chosen voice. The screen keeps its language.
 * Escape or Back takes the first (default) voice, also announced: nobody is left without speech.
 */
export function SpeechLanguageChooser() {
  const services = useContext(A11yContext);
  const { i18n } = useTranslation();
  const preferences = usePreferences();
  const session = useSession();
  const display = useSelector(session, selectLocale);
  const [voiced, setVoiced] = useState<readonly KioskLocale[] | null>(null);
  const [announce, setAnnounce] = useState<{ display: KioskLocale; voice: KioskLocale } | null>(null);
  const audioOn = preferences?.audio === 'on';

  useEffect(() => {
    if (!audioOn || voiced !== null || services === null) return;
    let live = true;
    void services.speech.voicedLanguages().then((languages) => {
      if (live) setVoiced(languages);
    });
    return () => {
      live = false;
    };
  }, [audioOn, voiced, services]);

  // Said once the chooser has closed, so the item the highlight returns to does not cut it off.
  useEffect(() => {
    if (announce === null || services === null) return;
    const { display: missing, voice } = announce;
    const inVoice = i18n.getFixedT(voice);
    const text = inVoice('a11ySpeech.voiceChosen', {
      missing: languageName(missing, voice, LANGUAGE_ENDONYMS[missing]),
      voice: languageName(voice, voice, LANGUAGE_ENDONYMS[voice]),
    });
    setAnnounce(null);
    void services.speech.say(text, voice);
  }, [announce, services, i18n]);

  if (services === null || preferences === null || !audioOn || voiced === null) return null;
  if (!needsVoiceChoice(display, voiced, preferences.speechChoice)) return null;
  const choose = (voice: KioskLocale) => {
    services.preferences.set({ speechChoice: { display, voice } });
    setAnnounce({ display, voice });
  };
  return <VoiceDialog key={display} display={display} voices={voiceChoices(voiced)} onChoose={choose} />;
}

function VoiceDialog({ display, voices, onChoose }: { display: KioskLocale; voices: readonly KioskLocale[]; onChoose: (voice: KioskLocale) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const chosen = useRef(false);
  const titleId = useId();
  const bodyId = useId();
  const choose = (voice: KioskLocale) => {
    if (chosen.current) return;
    chosen.current = true;
    // Closed here, not by unmounting: only a closing dialog gives the highlight back.
    ref.current?.close();
    onChoose(voice);
  };
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const language = languageName(display, display, LANGUAGE_ENDONYMS[display]);
  const first = voices[0];
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid="speech-language-dialog"
      onClose={() => {
        if (first !== undefined) choose(first);
      }}
    >
      <h2 id={titleId}>{t('a11ySpeech.chooseVoiceTitle', { language })}</h2>
      <p id={bodyId} className="lead">
        {t('a11ySpeech.chooseVoiceBody', { language })}
      </p>
      <div className="language-grid speech-voice-grid">
        {voices.map((voice) => (
          <button
            key={voice}
            type="button"
            className="button button-choice"
            lang={voice}
            dir={textDirection(voice)}
            data-testid={`speech-voice-${voice}`}
            onClick={() => choose(voice)}
          >
            {LANGUAGE_ENDONYMS[voice]}
          </button>
        ))}
      </div>
    </dialog>
  );
}
