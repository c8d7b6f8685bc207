import { useTranslation } from 'react-i18next';
import type { SurveyResults } from './care';

/**
 * The share satisfied per dimension as bars, with their 95 % intervals as whiskers and the
 * previous round as a thin mark: drawn as SVG, so it prints and needs nothing fetched.
 */
export function DimensionChart({ results }: { results: SurveyResults }) {
  const { t } = useTranslation();
  const rows = results.dimensions.filter((d) => d.satisfiedShare !== null);
  const label = 190;
  const width = 420;
  const row = 30;
  const height = rows.length * row + 24;
  const x = (share: number) => label + share * width;
  return (
    <svg
      className="chart"
      role="img"
      aria-label={t('surveys.chart')}
      viewBox={`0 0 ${label + width + 60} ${height}`}
      width="100%"
    >
      {[0, 0.25, 0.5, 0.75, 1].map((g) => (
        <g key={g}>
          <line x1={x(g)} x2={x(g)} y1={0} y2={height - 18} className="grid" />
          <text x={x(g)} y={height - 4} textAnchor="middle" className="axis">
            {g * 100} %
          </text>
        </g>
      ))}
      {rows.map((d, i) => {
        const y = i * row + 6;
        const share = d.satisfiedShare!;
        return (
          <g key={d.dimension}>
            <text x={label - 8} y={y + 14} textAnchor="end" className="label">
              {t(`dimension.${d.dimension}`, { defaultValue: d.dimension })}
            </text>
            <rect x={label} y={y + 2} width={share * width} height={row - 12} className="bar">
              <title>{`${Math.round(share * 1000) / 10} %`}</title>
            </rect>
            {d.satisfiedInterval && (
              <line
                x1={x(d.satisfiedInterval.low)}
                x2={x(d.satisfiedInterval.high)}
                y1={y + row / 2 - 4}
                y2={y + row / 2 - 4}
                className="whisker"
              />
            )}
            {d.previous?.satisfiedShare != null && (
              <line
                x1={x(d.previous.satisfiedShare)}
                x2={x(d.previous.satisfiedShare)}
                y1={y}
                y2={y + row - 8}
                className="previous"
              >
                <title>{results.previousRound ?? ''}</title>
              </line>
            )}
            <text x={x(1) + 8} y={y + 14} className="value">
              {Math.round(share * 100)} %
            </text>
          </g>
        );
      })}
    </svg>
  );
}
