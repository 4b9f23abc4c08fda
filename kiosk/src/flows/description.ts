import { DescriptionSchema } from '@kiosk/shared';

/** Why a description cannot be sent yet; the renderer turns each into a translated hint. */
export type DescriptionProblem = 'empty' | 'too-long' | 'markup';

/**
 * Checks the citizen's text against the same schema the agent enforces, so the kiosk never
 * sends something the agent would refuse (and the citizen learns why before reviewing).
 */
export function checkDescription(text: string): DescriptionProblem | null {
  const result = DescriptionSchema.safeParse(text);
  if (result.success) return null;
  const issue = result.error.issues[0];
  if (issue?.code === 'too_small') return 'empty';
  if (issue?.code === 'too_big') return 'too-long';
  return 'markup';
}
