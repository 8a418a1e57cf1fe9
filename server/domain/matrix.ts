/** The risk matrix is data an admin can change; every score in Bulwark is a lookup in it. */

export interface MatrixLevel {
  rank: number;
  name: string;
  colour: string;
  textColour: string;
}

export interface AxisLabel {
  value: number;
  label: string;
  description: string;
}

export interface MatrixCell {
  likelihood: number;
  impact: number;
  score: number;
  levelRank: number;
}

export interface Matrix {
  levels: MatrixLevel[];
  likelihood: AxisLabel[];
  impact: AxisLabel[];
  cells: MatrixCell[];
}

export interface Rating {
  likelihood: number;
  impact: number;
  score: number;
  level: MatrixLevel;
}

export const SCALE = [1, 2, 3, 4, 5] as const;

export function rate(matrix: Matrix, likelihood: number, impact: number): Rating {
  const cell = matrix.cells.find((c) => c.likelihood === likelihood && c.impact === impact);
  if (!cell) throw new Error(`The risk matrix has no cell for likelihood ${likelihood}, impact ${impact}`);
  return { likelihood, impact, score: cell.score, level: levelOf(matrix, cell.levelRank) };
}

/**
 * How a score was rated on the day, as a record keeps it for good (a review, a snapshot): the
 * level's rank, name and colours, so a later change to the matrix does not re-rate the past.
 */
export function recordedLevel(matrix: Matrix, likelihood: number, impact: number) {
  const { level } = rate(matrix, likelihood, impact);
  return { level_rank: level.rank, level_name: level.name, level_colour: level.colour, level_text_colour: level.textColour };
}

/** The level a record kept, for display; a record from before levels were kept is rated by today's matrix. */
export function levelAsRecorded(
  matrix: Matrix,
  record: { current_likelihood: number; current_impact: number; level_rank: number | null; level_name: string | null; level_colour: string | null; level_text_colour: string | null },
): MatrixLevel {
  if (record.level_rank === null || record.level_name === null || record.level_colour === null || record.level_text_colour === null) {
    return rate(matrix, record.current_likelihood, record.current_impact).level;
  }
  return { rank: record.level_rank, name: record.level_name, colour: record.level_colour, textColour: record.level_text_colour };
}

export function levelOf(matrix: Matrix, rank: number): MatrixLevel {
  const level = matrix.levels.find((l) => l.rank === rank);
  if (!level) throw new Error(`The risk matrix has no level of rank ${rank}`);
  return level;
}

/** Above appetite: the cell's level is higher than the category's highest acceptable level. */
export function isAboveAppetite(rating: Rating, appetiteRank: number): boolean {
  return rating.level.rank > appetiteRank;
}

export interface HeatMapCell {
  likelihood: number;
  impact: number;
  level: MatrixLevel;
  count: number;
}

export interface HeatMapRow {
  likelihood: AxisLabel;
  cells: HeatMapCell[];
}

/** Rows from most to least likely, columns from least to most impact, as risk maps are drawn. */
/** A level's name in a heat map cell, where the whole name does not fit: its initials ("Very high" → "VH"). */
export function levelInitials(name: string): string {
  return name.split(/\s+/).filter(Boolean).map((word) => word[0]?.toUpperCase() ?? '').join('');
}

export function heatMap(matrix: Matrix, ratings: { likelihood: number; impact: number; count?: number }[]): HeatMapRow[] {
  const counts = new Map<string, number>();
  // Each rating counts once, or `count` times when the counting was done already (in SQL).
  for (const r of ratings) counts.set(`${r.likelihood}:${r.impact}`, (counts.get(`${r.likelihood}:${r.impact}`) ?? 0) + (r.count ?? 1));
  return [...matrix.likelihood]
    .sort((a, b) => b.value - a.value)
    .map((likelihood) => ({
      likelihood,
      cells: [...matrix.impact]
        .sort((a, b) => a.value - b.value)
        .map((impact) => ({
          likelihood: likelihood.value,
          impact: impact.value,
          level: rate(matrix, likelihood.value, impact.value).level,
          levelShort: levelInitials(rate(matrix, likelihood.value, impact.value).level.name),
          count: counts.get(`${likelihood.value}:${impact.value}`) ?? 0,
        })),
    }));
}

export interface GridProblem {
  likelihood: number;
  impact: number;
  message: string;
}

/**
 * Cells rated lower than the cell one step less likely or one step less severe: in such a
 * grid a risk would fall a level by getting worse, which is always a slip of the admin's hand.
 */
export function levelDrops(cells: Pick<MatrixCell, 'likelihood' | 'impact' | 'levelRank'>[], levelName: (rank: number) => string): GridProblem[] {
  const at = (l: number, i: number) => cells.find((c) => c.likelihood === l && c.impact === i);
  const problems: GridProblem[] = [];
  for (const cell of cells) {
    const below = [at(cell.likelihood - 1, cell.impact), at(cell.likelihood, cell.impact - 1)].filter((c) => c !== undefined);
    const higher = below.find((c) => c.levelRank > cell.levelRank);
    if (higher) {
      problems.push({
        likelihood: cell.likelihood,
        impact: cell.impact,
        message: `Likelihood ${cell.likelihood}, impact ${cell.impact} cannot be ${levelName(cell.levelRank)} when likelihood ${higher.likelihood}, impact ${higher.impact} is ${levelName(higher.levelRank)}: a worse risk never rates lower`,
      });
    }
  }
  return problems;
}

/** The field of a cell in a flat matrix: cell_4_5 is likelihood 4, impact 5. */
export const cellField = (likelihood: number, impact: number) => `cell_${likelihood}_${impact}`;

/**
 * The matrix as flat text fields (level_2_colour, likelihood_3_label, cell_4_5…): how the
 * admin form posts it, and how the audit history compares one matrix with the next.
 */
export function flatMatrix(matrix: Matrix): Record<string, string> {
  const values: Record<string, string> = {};
  for (const level of matrix.levels) {
    values[`level_${level.rank}_name`] = level.name;
    values[`level_${level.rank}_colour`] = level.colour;
    values[`level_${level.rank}_text_colour`] = level.textColour;
  }
  for (const axis of ['likelihood', 'impact'] as const) {
    for (const label of matrix[axis]) {
      values[`${axis}_${label.value}_label`] = label.label;
      values[`${axis}_${label.value}_description`] = label.description;
    }
  }
  for (const cell of matrix.cells) values[cellField(cell.likelihood, cell.impact)] = String(cell.levelRank);
  return values;
}
