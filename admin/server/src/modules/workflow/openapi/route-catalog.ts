import type { FastifyInstance, FastifySchema } from 'fastify';

/**
 * Every route the hub registers, with its schema, for the OpenAPI document. Fastify offers no
 * public way to read a route's schema after the fact, and an onRoute hook only sees routes
 * registered after it, so `collectRoutes` must run on the root instance before any route
 * (the first line of buildApp after `Fastify()`). Calling it twice returns the same catalog.
 */

export interface CatalogRoute {
  readonly methods: readonly string[];
  /** Fastify's path with its prefix, e.g. `/open311/v2/requests/:file`. */
  readonly url: string;
  readonly schema: FastifySchema | undefined;
}

export interface RouteCatalog {
  readonly routes: readonly CatalogRoute[];
}

const DECORATOR = 'hubRouteCatalog';

export function routeCatalogOf(app: FastifyInstance): RouteCatalog | undefined {
  return app.hasDecorator(DECORATOR) ? (app as unknown as Record<typeof DECORATOR, RouteCatalog>)[DECORATOR] : undefined;
}

export function collectRoutes(app: FastifyInstance): RouteCatalog {
  const existing = routeCatalogOf(app);
  if (existing !== undefined) return existing;
  const routes: CatalogRoute[] = [];
  const catalog: RouteCatalog = { routes };
  app.decorate(DECORATOR, catalog);
  app.addHook('onRoute', (route) => {
    routes.push({ methods: [route.method].flat().map(String), url: route.url, schema: route.schema });
  });
  return catalog;
}
