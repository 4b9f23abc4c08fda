/**
 * Errors a service throws on purpose. Each API renders them in its own shape: the fleet and
 * console APIs as `{ error: { code, message } }`, Open311 as its array of `{ code, description }`
 * (translated there, from `messageKey`).
 */
export class HubProblem extends Error {
  override name = 'HubProblem';
  constructor(
    readonly statusCode: number,
    /** Machine-readable, stable: clients branch on it. */
    readonly code: string,
    /** For operators and developers; never contains personal data. */
    message: string,
    /** Extra values for a translated description (e.g. the field name). */
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: Record<string, string>) =>
  new HubProblem(400, code, message, details);
export const unauthorised = (message: string) => new HubProblem(401, 'unauthorised', message);
export const forbidden = (code: string, message: string) => new HubProblem(403, code, message);
export const notFound = (code: string, message: string, details?: Record<string, string>) =>
  new HubProblem(404, code, message, details);
