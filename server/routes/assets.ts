import { Router } from 'express';
import type { AppContext } from '../context';
import { anyone } from '../access/guard';
import { recordedColourClass } from '../domain/recorded-colours';
import { listMatrixLevels, listRecordedLevelColours } from '../queries/reference';
import { listSnapshotColours } from '../queries/returns';

export function assetRoutes({ db }: AppContext): Router {
  const router = Router();
  // Level colours are admin data, so their stylesheet is generated (no inline styles under the CSP).
  router.get('/matrix.css', anyone, async (_req, res) => {
    const [levels, reviewed, frozen] = await Promise.all([listMatrixLevels(db), listRecordedLevelColours(db), listSnapshotColours(db)]);
    const recorded = [...new Map([...reviewed, ...frozen].map((c) => [`${c.colour}|${c.text_colour}`, c])).values()];
    const rule = (selector: string, colour: string, text: string) => `${selector}{background-color:${cssColour(colour)};color:${cssColour(text)}}`;
    const css = [
      ...levels.map((l) => rule(`.bw-level-${l.rank}`, l.colour, l.text_colour)),
      // Past reviews and submitted returns keep the colours they were recorded with, whatever the matrix says now.
      ...recorded.map((r) => rule(`.${recordedColourClass(r.colour, r.text_colour)}`, r.colour, r.text_colour)),
    ].join('\n');
    res.type('text/css').set('Cache-Control', 'no-cache').send(css);
  });
  // No icon yet: answer browsers' automatic request without a 404 in every log.
  router.get('/favicon.ico', anyone, (_req, res) => {
    res.status(204).end();
  });
  return router;
}

/** Colours are stored as #rgb or #rrggbb; anything else must never reach a stylesheet. */
function cssColour(value: string): string {
  return /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(value) ? value : '#b1b4b6';
}
