// Charts drawn on the server as SVG (views/partials/chart/stacked-bars.hbs): a few rects and
// text, no client JavaScript and no chart library. Each chart has a title, a description and
// the same figures as a table (visually hidden on screen, printed).

export interface ChartSeries {
  name: string;
  colour: string;
  values: number[];
}

export interface StackedBarChart {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  bars: { x: number; y: number; width: number; height: number; fill: string; label: string }[];
  axis: { x: number; y: number; text: string }[];
  gridLines: { y: number; text: string }[];
  plot: { left: number; right: number; bottom: number; labelX: number };
  table: { headings: string[]; rows: { label: string; cells: number[]; total: number }[] };
  key: { name: string; colour: string }[];
}

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 40;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 40;

/** A round step for the value axis: 1, 2 or 5 times a power of ten, about four lines. */
function step(max: number): number {
  if (max <= 4) return 1;
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
}

/** Bars stacked by series, one bar per category (a quarter), with the table of the same figures. */
export function stackedBarChart(id: string, title: string, description: string, categories: string[], series: ChartSeries[]): StackedBarChart {
  const totals = categories.map((_, c) => series.reduce((sum, s) => sum + (s.values[c] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const unit = step(max);
  const top = Math.ceil(max / unit) * unit;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT - RIGHT) / Math.max(1, categories.length);
  const barWidth = Math.min(48, slot * 0.6);
  const scale = (v: number) => (v / top) * plotHeight;
  const bars: StackedBarChart['bars'] = [];
  categories.forEach((category, c) => {
    let y = HEIGHT - BOTTOM;
    for (const s of series) {
      const value = s.values[c] ?? 0;
      if (value === 0) continue;
      const h = scale(value);
      y -= h;
      bars.push({ x: round(LEFT + slot * c + (slot - barWidth) / 2), y: round(y), width: round(barWidth), height: round(h), fill: s.colour, label: `${category}, ${s.name}: ${value}` });
    }
  });
  const gridLines = [];
  for (let v = 0; v <= top; v += unit) gridLines.push({ y: round(HEIGHT - BOTTOM - scale(v)), text: String(v) });
  return {
    id,
    title,
    description,
    width: WIDTH,
    height: HEIGHT,
    bars,
    axis: categories.map((text, c) => ({ x: round(LEFT + slot * c + slot / 2), y: HEIGHT - BOTTOM + 16, text })),
    gridLines,
    plot: { left: LEFT, right: WIDTH - RIGHT, bottom: HEIGHT - BOTTOM, labelX: LEFT - 6 },
    table: {
      headings: series.map((s) => s.name),
      rows: categories.map((label, c) => ({ label, cells: series.map((s) => s.values[c] ?? 0), total: totals[c] ?? 0 })),
    },
    key: series.map((s) => ({ name: s.name, colour: s.colour })),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
