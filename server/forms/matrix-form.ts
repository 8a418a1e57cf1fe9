import { z } from 'zod';
import { contrastRatio, isHexColour, MIN_CONTRAST } from '../domain/colour';
import { cellField, levelDrops, SCALE, type Matrix } from '../domain/matrix';

export { cellField, flatMatrix as matrixFormValues } from '../domain/matrix';
import { optionalText, requiredText } from './fields';

// The matrix form is flat: level_2_colour, likelihood_3_label, cell_4_5 (likelihood 4, impact 5)…

const AXES = ['likelihood', 'impact'] as const;
const AXIS_NAMES = { likelihood: 'Likelihood', impact: 'Impact' } as const;

function colour(message: string) {
  return z
    .string({ error: message })
    .trim()
    .toLowerCase()
    .refine(isHexColour, message);
}

/** The schema for a matrix whose levels have these ranks: the form edits levels, it does not add or remove them. */
export function matrixSchema(levels: Matrix['levels']) {
  const ranks = levels.map((l) => l.rank);
  const shape: Record<string, z.ZodType<string | number>> = {};
  for (const level of levels) {
    const r = level.rank;
    shape[`level_${r}_name`] = requiredText(`Enter a name for level ${r}`, `The name of level ${r}`, 40);
    shape[`level_${r}_colour`] = colour(`Enter the colour of level ${r} as # and six hexadecimal digits, for example #d4351c`);
    shape[`level_${r}_text_colour`] = colour(`Enter the text colour of level ${r} as # and six hexadecimal digits, for example #ffffff`);
  }
  for (const axis of AXES) {
    for (const value of SCALE) {
      shape[`${axis}_${value}_label`] = requiredText(`Enter a label for ${axis} ${value}`, `The label of ${axis} ${value}`, 40);
      shape[`${axis}_${value}_description`] = optionalText(`The description of ${axis} ${value}`, 300);
    }
  }
  for (const likelihood of SCALE) {
    for (const impact of SCALE) {
      const message = `Choose a level for likelihood ${likelihood}, impact ${impact}`;
      shape[cellField(likelihood, impact)] = z
        .string({ error: message })
        .regex(/^\d{1,2}$/, message)
        .transform(Number)
        .refine((rank) => ranks.includes(rank), message);
    }
  }
  return z.object(shape).superRefine((form, ctx) => {
    const matrix = matrixFromForm(form ?? {}, levels);
    for (const level of matrix.levels) {
      if (!isHexColour(level.colour) || !isHexColour(level.textColour)) continue;
      const ratio = contrastRatio(level.colour, level.textColour);
      if (ratio < MIN_CONTRAST) {
        ctx.addIssue({
          code: 'custom',
          path: [`level_${level.rank}_text_colour`],
          message: `The text colour of ${level.name} is too hard to read on its colour (contrast ${ratio.toFixed(1)} to 1; at least ${MIN_CONTRAST} to 1 is needed)`,
        });
      }
    }
    const name = (rank: number) => matrix.levels.find((l) => l.rank === rank)?.name ?? `level ${rank}`;
    for (const problem of levelDrops(matrix.cells, name)) {
      ctx.addIssue({ code: 'custom', path: [cellField(problem.likelihood, problem.impact)], message: problem.message });
    }
    // Run even when single fields are wrong, so every problem of this long form is named at once.
  }, { when: () => true });
}

/** The parsed form as a matrix; cells keep their score (likelihood × impact is not the admin's to change). */
export function matrixFromForm(form: Record<string, unknown>, levels: Matrix['levels']): Matrix {
  const text = (key: string) => String(form[key] ?? '');
  const axis = (name: (typeof AXES)[number]) =>
    SCALE.map((value) => ({ value, label: text(`${name}_${value}_label`), description: text(`${name}_${value}_description`) }));
  return {
    levels: levels.map((l) => ({ rank: l.rank, name: text(`level_${l.rank}_name`), colour: text(`level_${l.rank}_colour`), textColour: text(`level_${l.rank}_text_colour`) })),
    likelihood: axis('likelihood'),
    impact: axis('impact'),
    cells: SCALE.flatMap((likelihood) =>
      SCALE.map((impact) => ({ likelihood, impact, score: likelihood * impact, levelRank: Number(form[cellField(likelihood, impact)]) })),
    ),
  };
}

/** Labels for the conflict table, one per field of the form. */
export function matrixFieldLabels(matrix: Matrix): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const level of matrix.levels) {
    labels[`level_${level.rank}_name`] = `Level ${level.rank} name`;
    labels[`level_${level.rank}_colour`] = `Level ${level.rank} colour`;
    labels[`level_${level.rank}_text_colour`] = `Level ${level.rank} text colour`;
  }
  for (const axis of AXES) {
    for (const value of SCALE) {
      labels[`${axis}_${value}_label`] = `${AXIS_NAMES[axis]} ${value} label`;
      labels[`${axis}_${value}_description`] = `${AXIS_NAMES[axis]} ${value} description`;
    }
  }
  for (const likelihood of SCALE) for (const impact of SCALE) labels[cellField(likelihood, impact)] = `Likelihood ${likelihood}, impact ${impact}`;
  return labels;
}
