import type { FastifyInstance } from 'fastify';
import { RequestValidationError } from './zod.js';

/**
 * Refuses U+0000 anywhere in a request's path parameters, query or body, before any handler.
 * PostgreSQL cannot store NUL in text (it fails the query, and the citizen got a 500 for a typo a
 * scanner or a script produced), SQLite would store it and make the two dialects disagree, and no
 * field the hub takes has a use for it. Found by tests/integration/fuzz.
 */

/** Where the first NUL sits (`body.attributes.note`), or null; walks with a stack, so depth cannot overflow. */
export function findNul(value: unknown, prefix: string): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: prefix }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string };
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        // Field names are not echoed: a key with a NUL is reported where it sits.
        if (key.includes('\u0000')) return path;
        stack.push({ value: child, path: `${path}.${key}` });
      }
    }
  }
  return null;
}

export function rejectNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field = findNul(request.params, 'params') ?? findNul(request.query, 'querystring') ?? findNul(request.body, 'body');
    if (field !== null) throw new RequestValidationError([{ field, message: 'must not contain the NUL character (U+0000)', rule: 'format' }]);
  });
}
