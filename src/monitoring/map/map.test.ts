import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { garmentProduct, paidMonth } from '../../../test/fixtures.js';
import { centre, distanceKm, geometryProblem } from './geometry.js';

/** A square of about 11 km a side around a point. */
const square = (lon: number, lat: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon - 0.05, lat - 0.05],
      [lon + 0.05, lat - 0.05],
      [lon + 0.05, lat + 0.05],
      [lon - 0.05, lat + 0.05],
      [lon - 0.05, lat - 0.05],
    ] as [number, number][],
  ],
});

describe('boundaries and distances, pure', () => {
  it('finds the centre of a polygon and the distance between two towns', () => {
    expect(centre(square(104.9, 11.55))).toEqual({ lat: expect.closeTo(11.55, 6), lon: expect.closeTo(104.9, 6) });
    // Phnom Penh to Siem Reap, about 230 km as the crow flies.
    expect(distanceKm({ lat: 11.5564, lon: 104.9282 }, { lat: 13.3671, lon: 103.8448 })).toBeCloseTo(232, -1);
    expect(geometryProblem({ type: 'Point', coordinates: [104, 11] })).toMatch(/Polygon or a MultiPolygon/);
    expect(
      geometryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [200, 0],
            [1, 1],
            [2, 2],
            [200, 0],
          ],
        ],
      }),
    ).toMatch(/longitude, latitude/);
    expect(geometryProblem(square(104, 11))).toBeNull();
  });
});

describe.each(engines)('the map on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await testApp(engine);
    ({ token: admin } = await t.scheme('MAP'));
    const post = async (url: string, body: unknown) => {
      const res = await t.call('POST', url, { token: admin, body });
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const province = await post('/api/v1/areas', { level: 'province', code: 'PP', name: 'Phnom Penh' });
    const near = await post('/api/v1/areas', {
      level: 'district',
      code: 'NEAR',
      name: 'Near',
      parentId: province.id,
      population: 100,
    });
    await post('/api/v1/areas', { level: 'district', code: 'FAR', name: 'Far', parentId: province.id, population: 50 });
    await post('/api/v1/facilities', {
      code: 'HC',
      name: 'Health centre',
      type: 'health_centre',
      ownership: 'public',
      latitude: 11.55,
      longitude: 104.9,
    });
    const product = await garmentProduct(post, { effectiveFrom: '2026-01-01' });
    const employer = await post('/api/v1/employers', {
      code: 'MAP',
      name: 'Map Garments',
      productId: product.id,
      areaId: near.id,
      latitude: 11.56,
      longitude: 104.91,
    });
    const workers = [];
    for (const name of ['Sok Dara', 'Keo Thida']) {
      workers.push(
        await post('/api/v1/members', {
          nameLatin: name,
          sex: 'F',
          birthDate: '1990-01-01',
          employerId: employer.id,
          areaId: near.id,
        }),
      );
    }
    await paidMonth(
      post,
      employer.id,
      workers.map((w) => ({ memberId: w.id })),
      '2026-01',
      '2026-01-05',
      'MAP-1',
    );
    await post('/api/v1/figures/refresh', { from: '2026-01', to: '2026-01' });
  });
  afterAll(() => t.close());

  it('takes the boundaries all or nothing, naming each bad feature', async () => {
    const bad = await t.call('PUT', '/api/v1/areas/boundaries', {
      token: admin,
      body: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: 'NEAR' }, geometry: square(104.9, 11.55) },
          { type: 'Feature', properties: { code: 'NOWHERE' }, geometry: square(104, 12) },
          { type: 'Feature', properties: { code: 'FAR' }, geometry: { type: 'Point', coordinates: [104, 12] } },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'features.1.properties.code',
      'features.2.geometry',
    ]);
    expect((await t.call('GET', '/api/v1/map', { token: admin })).body.areas.features).toEqual([]);
    const ok = await t.call('PUT', '/api/v1/areas/boundaries', {
      token: admin,
      body: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: 'near' }, geometry: square(104.9, 11.55) },
          { type: 'Feature', properties: { code: 'FAR' }, geometry: square(104.5, 11.9) },
        ],
      },
    });
    expect(ok.body).toEqual({ areas: 2 });
  });

  it('shows members by area, how far they live from care, and the facilities and employers', async () => {
    const map = (await t.call('GET', '/api/v1/map?level=district', { token: admin })).body;
    expect(map.month).toBe('2026-01');
    const props = Object.fromEntries(
      map.areas.features.map((f: { properties: { code: string } }) => [f.properties.code, f.properties]),
    );
    expect(props.NEAR).toMatchObject({
      members: 2,
      penetration: 2,
      nearestFacility: 'Health centre',
      farFromCare: false,
    });
    expect(props.NEAR.nearestFacilityKm).toBeLessThan(1);
    expect(props.FAR).toMatchObject({ members: 0, farFromCare: true });
    expect(props.FAR.nearestFacilityKm).toBeGreaterThan(50);
    expect(map.facilities).toEqual([
      { id: expect.any(String), code: 'HC', name: 'Health centre', type: 'health_centre', lat: 11.55, lon: 104.9 },
    ]);
    expect(map.employers).toEqual([expect.objectContaining({ code: 'MAP', members: 2 })]);
  });
});
