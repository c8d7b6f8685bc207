import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { useCan } from '../session';
import { ErrorNote } from '../ui';

interface AreaProps {
  id: string;
  code: string;
  name: string;
  members: number;
  population: number | null;
  penetration: number | null;
  nearestFacility: string | null;
  nearestFacilityKm: number | null;
  farFromCare: boolean | null;
}
interface MapData {
  level: string;
  month: string | null;
  farKm: number;
  areas: GeoJSON.FeatureCollection<GeoJSON.Geometry, AreaProps>;
  facilities: { id: string; name: string; type: string; lat: number; lon: number }[];
  employers: { id: string; name: string; lat: number; lon: number; members: number }[];
  farFromCare: number;
}

/** Areas far from care are red; the others shade by their share of the population covered. */
function style(p: AreaProps): L.PathOptions {
  if (p.farFromCare) return { color: '#8a1f1f', weight: 1, fillColor: '#e57373', fillOpacity: 0.55 };
  const share = Math.min(1, (p.penetration ?? 0) / 100);
  return { color: '#0f5e6e', weight: 1, fillColor: '#0f5e6e', fillOpacity: 0.12 + share * 0.6 };
}

/**
 * Where members live and how far from care: the scheme's areas from the boundaries it uploaded
 * (no map tiles, nothing fetched from the internet), the facilities and employers as points.
 */
export function MapPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [level, setLevel] = useState('district');
  const [uploaded, setUploaded] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const map = useQuery({ queryKey: ['/api/v1/map', level], queryFn: () => api<MapData>(`/api/v1/map?level=${level}`) });
  const box = useRef<HTMLDivElement>(null);
  const m = map.data;

  useEffect(() => {
    if (!box.current || !m) return;
    const view = L.map(box.current, { attributionControl: false, zoomSnap: 0.25 });
    const layers = L.featureGroup().addTo(view);
    L.geoJSON(m.areas, {
      style: (f) => style(f!.properties as AreaProps),
      onEachFeature: (f, layer) => {
        const p = f.properties as AreaProps;
        layer.bindPopup(
          `<strong>${p.name}</strong><br>${t('map.members')}: ${p.members}` +
            (p.penetration !== null ? ` (${p.penetration} %)` : '') +
            (p.nearestFacility ? `<br>${t('map.nearest')}: ${p.nearestFacility}, ${p.nearestFacilityKm} km` : ''),
        );
      },
    }).addTo(layers);
    for (const f of m.facilities) {
      L.circleMarker([f.lat, f.lon], { radius: 7, color: '#0b3d91', fillColor: '#3b82f6', fillOpacity: 0.9, weight: 2 })
        .bindPopup(`<strong>${f.name}</strong><br>${t('map.facility')}`)
        .addTo(layers);
    }
    for (const e of m.employers) {
      L.circleMarker([e.lat, e.lon], {
        radius: 4 + Math.min(10, Math.sqrt(e.members) / 3),
        color: '#8a5a00',
        fillColor: '#f59e0b',
        fillOpacity: 0.8,
        weight: 1,
      })
        .bindPopup(`<strong>${e.name}</strong><br>${t('map.members')}: ${e.members}`)
        .addTo(layers);
    }
    const bounds = layers.getBounds();
    if (bounds.isValid()) view.fitBounds(bounds, { padding: [16, 16] });
    else view.setView([12.5, 105], 6);
    return () => {
      view.remove();
    };
  }, [m, t]);

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setError(null);
    setUploaded(null);
    try {
      const result = await api<{ areas: number }>('/api/v1/areas/boundaries', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: await file.text(),
      });
      setUploaded(t('map.uploaded', { n: result.areas }));
      await client.invalidateQueries({ queryKey: ['/api/v1/map'] });
    } catch (x) {
      setError(x);
    }
    e.target.value = '';
  };
  const areas = (m?.areas.features ?? [])
    .map((f) => f.properties)
    .sort((a, b) => (b.nearestFacilityKm ?? 0) - (a.nearestFacilityKm ?? 0));
  return (
    <section>
      <div className="title-row">
        <h1>{t('map.title')}</h1>
        {can('area.manage') && (
          <label className="button">
            {t('map.upload')}
            <input
              type="file"
              accept=".geojson,.json,application/geo+json,application/json"
              onChange={(e) => void upload(e)}
              hidden
            />
          </label>
        )}
      </div>
      <div className="filters">
        <label className="filter">
          {t('dashboard.level')}{' '}
          <select value={level} onChange={(e) => setLevel(e.target.value)} aria-label={t('dashboard.level')}>
            {['province', 'district', 'commune', 'village'].map((l) => (
              <option key={l} value={l}>
                {t(`stratum.${l}`)}
              </option>
            ))}
          </select>
        </label>
        {m && <span>{t('map.far', { n: m.farFromCare, km: m.farKm, month: m.month ?? '—' })}</span>}
      </div>
      {uploaded && <p role="status">{uploaded}</p>}
      <ErrorNote error={error ?? map.error} />
      {error instanceof ApiError && (
        <ul className="reasons" role="alert">
          {error.problem.errors?.map((e) => (
            <li key={e.field}>
              <code>{e.field}</code> {e.reason}
            </li>
          ))}
        </ul>
      )}
      {m && !m.areas.features.length && <p className="empty">{t('map.none')}</p>}
      <div ref={box} className="map" role="img" aria-label={t('map.title')} />
      <p className="small">
        <span className="key far" /> {t('map.keyFar', { km: m?.farKm ?? 10 })} · <span className="key facility" />{' '}
        {t('map.facility')} · <span className="key employer" /> {t('map.employer')}
      </p>
      {areas.length > 0 && (
        <table className="list" aria-label={t('map.areas')}>
          <thead>
            <tr>
              <th>{t('map.area')}</th>
              <th className="amount">{t('map.members')}</th>
              <th className="amount">{t('map.penetration')}</th>
              <th>{t('map.nearest')}</th>
              <th className="amount">km</th>
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.id} className={a.farFromCare ? 'overdue' : undefined}>
                <td>{a.name}</td>
                <td className="amount">{a.members}</td>
                <td className="amount">{a.penetration === null ? '—' : `${a.penetration} %`}</td>
                <td>{a.nearestFacility ?? '—'}</td>
                <td className="amount">{a.nearestFacilityKm ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
