/**
 * A bar chart in plain SVG (no chart library, no script): one bar per item, stacked by series, with the
 * numbers also in a table for screen readers and for anyone who wants them exactly.
 */
export interface BarChartSeries {
  key: string;
  label: string;
}

export interface BarChartItem {
  label: string;
  values: Record<string, number>;
}

const WIDTH = 640;
const HEIGHT = 220;
const PADDING = { top: 12, right: 8, bottom: 36, left: 48 };

export function BarChart({
  title,
  series,
  items,
  formatValue,
  testId,
}: {
  title: string;
  series: BarChartSeries[];
  items: BarChartItem[];
  formatValue: (value: number) => string;
  testId?: string;
}) {
  const totals = items.map((item) => series.reduce((sum, one) => sum + (item.values[one.key] ?? 0), 0));
  const max = Math.max(...totals, 0);
  const plotWidth = WIDTH - PADDING.left - PADDING.right;
  const plotHeight = HEIGHT - PADDING.top - PADDING.bottom;
  const slot = items.length > 0 ? plotWidth / items.length : plotWidth;
  const barWidth = Math.max(4, Math.min(48, slot * 0.6));
  const scale = (value: number) => (max === 0 ? 0 : (value / max) * plotHeight);
  const labelEvery = Math.max(1, Math.ceil(items.length / 8));

  return (
    <figure className="card" data-testid={testId} style={{ margin: 0 }}>
      <figcaption>
        <h3>{title}</h3>
      </figcaption>
      {items.length === 0 || max === 0 ? (
        <p className="empty">Nothing yet.</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} style={{ width: "100%", height: "auto" }}>
          <line
            x1={PADDING.left}
            x2={WIDTH - PADDING.right}
            y1={HEIGHT - PADDING.bottom}
            y2={HEIGHT - PADDING.bottom}
            stroke="var(--border)"
          />
          <text x={PADDING.left - 6} y={PADDING.top + 10} textAnchor="end" fontSize="11" fill="var(--muted)">
            {formatValue(max)}
          </text>
          <text x={PADDING.left - 6} y={HEIGHT - PADDING.bottom} textAnchor="end" fontSize="11" fill="var(--muted)">
            0
          </text>
          {items.map((item, index) => {
            const x = PADDING.left + index * slot + (slot - barWidth) / 2;
            let y = HEIGHT - PADDING.bottom;
            return (
              <g key={item.label}>
                {series.map((one, seriesIndex) => {
                  const height = scale(item.values[one.key] ?? 0);
                  y -= height;
                  return height > 0 ? (
                    <rect
                      key={one.key}
                      x={x}
                      y={y}
                      width={barWidth}
                      height={height}
                      fill={`var(--series-${(seriesIndex % 4) + 1})`}
                    >
                      <title>{`${item.label} · ${one.label}: ${formatValue(item.values[one.key] ?? 0)}`}</title>
                    </rect>
                  ) : null;
                })}
                {index % labelEvery === 0 ? (
                  <text
                    x={x + barWidth / 2}
                    y={HEIGHT - PADDING.bottom + 16}
                    textAnchor="middle"
                    fontSize="11"
                    fill="var(--muted)"
                  >
                    {item.label}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      )}
      {series.length > 1 ? (
        <ul className="row" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {series.map((one, seriesIndex) => (
            <li key={one.key} className="row" style={{ gap: "0.35rem" }}>
              <span
                aria-hidden="true"
                style={{
                  display: "inline-block",
                  width: 12,
                  height: 12,
                  borderRadius: 3,
                  background: `var(--series-${(seriesIndex % 4) + 1})`,
                }}
              />
              {one.label}
            </li>
          ))}
        </ul>
      ) : null}
      <details>
        <summary>The numbers</summary>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col"> </th>
                {series.map((one) => (
                  <th key={one.key} scope="col" className="number">
                    {one.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.label}>
                  <th scope="row">{item.label}</th>
                  {series.map((one) => (
                    <td key={one.key} className="number">
                      {formatValue(item.values[one.key] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
