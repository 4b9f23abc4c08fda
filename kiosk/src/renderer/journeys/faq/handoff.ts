import type { FaqHandoff } from '../../../flows/index';
import type { SessionActor } from '../../state/session-context';
import type { FaqActor } from './selectors';

/**
 * The citizen found nothing and chose to file a request or book an appointment: the FAQ journey
 * ends with that choice as its output and the session goes straight to the chosen journey.
 */
export function handOff(faq: FaqActor, _session: SessionActor, journey: FaqHandoff): void {
  faq.send({ type: 'handoff.chosen', journey });
}
