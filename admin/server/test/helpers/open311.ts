import { expect } from 'vitest';
import { FORM_HEADERS, form, type TestHub } from './hub.js';

/**
 * Files a litter case over Open311 as a third-party client would (the demo API key, a form body),
 * at latitude `lat` so a test can find it again among others; its service_request_id.
 */
export async function fileLitterCase(hub: TestHub, lat: number): Promise<string> {
  const response = await hub.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: FORM_HEADERS,
    payload: form({ api_key: hub.apiKey, service_code: 'litter', lat: String(lat), long: '-3.7', description: 'Bolsas junto al contenedor', 'attribute[BAG_COUNT]': '3' }),
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as Array<{ service_request_id: string }>)[0]?.service_request_id ?? '';
}
