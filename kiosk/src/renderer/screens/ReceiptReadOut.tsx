import { useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskLocale, ReceiptPreviewParams } from '@kiosk/shared';
import { useKioskClient } from '../bridge/client-context';
import { A11yContext } from '../a11y/a11y-context';
import { joinSentences } from '../a11y/spoken-text';

/** Which receipt: the one printed last in this session, or a preview of the one to come. */
export type ReceiptSource = { readonly kind: 'printed' } | { readonly kind: 'preview'; readonly params: ReceiptPreviewParams };

interface ReceiptReadOutProps {
  readonly source: ReceiptSource;
  /** A request's receipt or an appointment's / turn's ticket: the words differ. */
  readonly paper: 'receipt' | 'ticket';
  readonly locale: KioskLocale;
}

const WORDS = {
  receipt: { printed: 'a11yErrors.receiptSays', preview: 'a11yErrors.receiptWillSay', button: 'a11yErrors.readReceipt' },
  ticket: { printed: 'a11yErrors.ticketSays', preview: 'a11yErrors.ticketWillSay', button: 'a11yErrors.readTicket' },
} as const;

/**
 * Everything on the receipt, spoken (EN 301 549 5.1.3.16): the agent gives the lines it printed
 * (or will print: a preview leaves out what only filing or booking gives, and says so). In audio
 * mode they are read as the screen opens; the button reads them again at any time, and F3 repeats
 * the last thing said. What is spoken is exactly what is printed, which never holds personal data.
 */
export function ReceiptReadOut({ source, paper, locale }: ReceiptReadOutProps) {
  const { t } = useTranslation();
  const client = useKioskClient();
  const a11y = useContext(A11yContext);
  const [lines, setLines] = useState<readonly string[] | null>(null);
  const preview = source.kind === 'preview';
  const sourceKey = JSON.stringify(source);
  const spokenOnce = useRef(false);

  const spoken = (found: readonly string[]): string =>
    joinSentences([t(preview ? WORDS[paper].preview : WORDS[paper].printed), ...found, preview ? t('a11yErrors.referenceLater') : null]);

  useEffect(() => {
    let live = true;
    // If the citizen acts (a key, a touch) before the lines arrive, a read-out would interrupt what
    // they chose to hear: then only the button reads it.
    let acted = false;
    const onAct = () => {
      acted = true;
    };
    document.addEventListener('keydown', onAct, true);
    document.addEventListener('pointerdown', onAct, true);
    const read: Promise<readonly string[] | null> =
      source.kind === 'printed'
        ? client.call('receipt.text', {}).then((answer) => answer.lines)
        : client.call('receipt.preview', source.params).then((answer) => answer.lines);
    read
      .then((found) => {
        if (!live) return;
        setLines(found);
        // Read out once, as the screen opens, only in audio mode.
        if (found !== null && found.length > 0 && !spokenOnce.current && !acted && a11y?.preferences.get().audio === 'on') {
          spokenOnce.current = true;
          void a11y.speech.say(spoken(found), locale);
        }
      })
      // Speech is help, never a gate: without the lines the screen works as before, without the button.
      .catch(() => undefined);
    return () => {
      live = false;
      document.removeEventListener('keydown', onAct, true);
      document.removeEventListener('pointerdown', onAct, true);
    };
    // The source is compared by value (sourceKey); `spoken` and the services are stable for this screen.
  }, [client, sourceKey]);

  if (lines === null || lines.length === 0 || a11y === null) return null;
  return (
    <button type="button" className="button button-secondary read-receipt" data-testid="read-receipt" onClick={() => void a11y.speech.say(spoken(lines), locale)}>
      {t(WORDS[paper].button)}
    </button>
  );
}
