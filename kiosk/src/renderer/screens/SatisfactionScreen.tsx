import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../components/ScreenFrame';
import { useSession } from '../state/session-context';
import '../screens/request-journey.css';

const FACES = [
  { score: 1, key: 'satisfaction.score1' },
  { score: 2, key: 'satisfaction.score2' },
  { score: 3, key: 'satisfaction.score3' },
  { score: 4, key: 'satisfaction.score4' },
  { score: 5, key: 'satisfaction.score5' },
] as const;

/**
 * A face drawn, not an emoji: emoji glyphs depend on the fonts installed (a kiosk image without a
 * colour-emoji font shows empty boxes), a drawing is the same everywhere. The mouth bends from a
 * frown (1) to a smile (5).
 */
function Face({ score }: { score: number }) {
  const bend = (score - 3) * 9;
  return (
    <svg className="face-drawing" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="44" fill="none" stroke="currentColor" strokeWidth="6" />
      <circle cx="35" cy="40" r="6" fill="currentColor" />
      <circle cx="65" cy="40" r="6" fill="currentColor" />
      <path d={`M 30 ${68 - bend / 2} Q 50 ${68 + bend * 1.5} 70 ${68 - bend / 2}`} fill="none" stroke="currentColor" strokeWidth="6" strokeLinecap="round" />
    </svg>
  );
}

/** One optional question after a journey: five faces, each with its word; skipping is a big button too. */
export function SatisfactionScreen() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <ScreenFrame
      title={t('satisfaction.title')}
      actions={
        <button type="button" className="button button-secondary action-end" data-testid="satisfaction-skip" onClick={() => session.send({ type: 'satisfaction.skipped' })}>
          {t('satisfaction.skip')}
        </button>
      }
    >
      <p className="hint">{t('satisfaction.hint')}</p>
      {/* Worst to best in reading order: right to left in Arabic, as its readers expect. */}
      <ul className="faces">
        {FACES.map((face) => (
          <li key={face.score}>
            <button type="button" className="button button-choice face" data-testid={`satisfaction-${face.score}`} onClick={() => session.send({ type: 'satisfaction.rated', score: face.score })}>
              <Face score={face.score} />
              <span className="choice-name">{t(face.key)}</span>
            </button>
          </li>
        ))}
      </ul>
    </ScreenFrame>
  );
}
