/**
 * Areas' boundaries: checking what a scheme uploads, finding each area's centre, and measuring
 * distances. Pure; no geographic library is needed for polygons and great circles.
 */
export type Position = [number, number];
export type Geometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) &&
  p.length >= 2 &&
  typeof p[0] === 'number' &&
  typeof p[1] === 'number' &&
  Math.abs(p[0]) <= 180 &&
  Math.abs(p[1]) <= 90;

const isRing = (r: unknown): r is Position[] => Array.isArray(r) && r.length >= 4 && r.every(isPosition);

/** Why a geometry cannot be an area's boundary, or null when it can. */
export function geometryProblem(g: unknown): string | null {
  if (!g || typeof g !== 'object') return 'is not a GeoJSON geometry';
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') {
    return Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isRing)
      ? null
      : 'must be a Polygon of rings of at least four [longitude, latitude] positions';
  }
  if (type === 'MultiPolygon') {
    return Array.isArray(coordinates) &&
      coordinates.length > 0 &&
      coordinates.every((poly) => Array.isArray(poly) && poly.length > 0 && poly.every(isRing))
      ? null
      : 'must be a MultiPolygon of polygons of rings of at least four [longitude, latitude] positions';
  }
  return `must be a Polygon or a MultiPolygon, not ${String(type)}`;
}

/** The signed area and centroid of a ring (the shoelace formula, in degrees: fine at these sizes). */
function ringCentroid(ring: Position[]) {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  a /= 2;
  if (a === 0) {
    const n = ring.length;
    return { area: 0, lon: ring.reduce((s, p) => s + p[0], 0) / n, lat: ring.reduce((s, p) => s + p[1], 0) / n };
  }
  return { area: a, lon: cx / (6 * a), lat: cy / (6 * a) };
}

/** The centre of an area: the area-weighted centroid of its polygons' outer rings. */
export function centre(g: Geometry): { lat: number; lon: number } {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let total = 0;
  let lat = 0;
  let lon = 0;
  for (const poly of polygons) {
    const c = ringCentroid(poly[0]!);
    const w = Math.abs(c.area);
    total += w;
    lat += c.lat * w;
    lon += c.lon * w;
  }
  if (total === 0) {
    const c = ringCentroid(polygons[0]![0]!);
    return { lat: c.lat, lon: c.lon };
  }
  return { lat: lat / total, lon: lon / total };
}

/** Kilometres along the earth between two points (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
