// A level's colours as kept by a record, turned into a class name the generated stylesheet
// defines (/matrix.css): the Content-Security-Policy allows no inline styles, so a past
// review's own colours travel as a class, not a style attribute.

const HEX = /^#([0-9a-fA-F]{6})$/;

/** "bw-recorded-d4351c-ffffff" for red with white text; a colour that is not #rrggbb falls back to grey on black. */
export function recordedColourClass(colour: string, textColour: string): string {
  const hex = (value: string, fallback: string) => HEX.exec(value)?.[1]?.toLowerCase() ?? fallback;
  return `bw-recorded-${hex(colour, 'b1b4b6')}-${hex(textColour, '0b0c0c')}`;
}
