import { describe, expect, it } from 'vitest';
import type { CatalogService } from '@kiosk/shared';
import { filterServices, groupsOf } from '../../src/renderer/screens/service-filter.js';

const service = (serviceCode: string, name: string, group: string, keywords: string[] = [], description = ''): CatalogService =>
  ({ serviceCode, name, group, keywords, description, locationless: false, attributes: [] }) as unknown as CatalogService;

const CATALOG = [
  service('street-lighting', 'Alumbrado público', 'Calle', ['farola', 'luz']),
  service('pavement-damage', 'Desperfectos en aceras y calzada', 'Calle', ['bache', 'baldosa']),
  service('census-certificate', 'Certificado de empadronamiento', 'Trámites', ['padrón', 'volante']),
  service('ibi-question', 'Consulta sobre el IBI', 'Impuestos', [], 'Recibos del impuesto de bienes inmuebles'),
];
const codes = (list: readonly CatalogService[]) => list.map((s) => s.serviceCode);

describe('service list filtering', () => {
  it('lists everything by group, then name, when nothing is chosen or typed', () => {
    expect(codes(filterServices(CATALOG, null, ''))).toEqual(['street-lighting', 'pavement-damage', 'ibi-question', 'census-certificate']);
    expect(groupsOf(CATALOG)).toEqual(['Calle', 'Impuestos', 'Trámites']);
  });

  it('narrows to one group', () => {
    expect(codes(filterServices(CATALOG, 'Calle', ''))).toEqual(['street-lighting', 'pavement-damage']);
  });

  it('matches names, keywords and descriptions ignoring accents and case, by prefix and with one typo', () => {
    expect(codes(filterServices(CATALOG, null, 'FAROLA'))).toEqual(['street-lighting']);
    expect(codes(filterServices(CATALOG, null, 'padron'))).toEqual(['census-certificate']);
    expect(codes(filterServices(CATALOG, null, 'acera'))).toEqual(['pavement-damage']);
    expect(codes(filterServices(CATALOG, null, 'empadronamineto'))).toEqual(['census-certificate']);
    expect(codes(filterServices(CATALOG, null, 'inmuebles'))).toEqual(['ibi-question']);
  });

  it('needs every word to match, and within the chosen group only', () => {
    expect(codes(filterServices(CATALOG, null, 'bache calzada'))).toEqual(['pavement-damage']);
    expect(codes(filterServices(CATALOG, null, 'bache padrón'))).toEqual([]);
    expect(codes(filterServices(CATALOG, 'Trámites', 'farola'))).toEqual([]);
  });

  it('ignores punctuation and extra spaces', () => {
    expect(codes(filterServices(CATALOG, null, '  ¿farola?  '))).toEqual(['street-lighting']);
    expect(codes(filterServices(CATALOG, null, ' , . '))).toEqual(codes(filterServices(CATALOG, null, '')));
  });
});
