import { keepNumbersTogether } from '../../server/views/helpers/keep-numbers-together';

describe('keepNumbersTogether', () => {
  it('joins the groups of a phone number with non-breaking spaces', () => {
    expect(keepNumbersTogether('020 3357 1001')).toBe('020\u00a03357\u00a01001');
  });

  it('leaves spaces next to words alone', () => {
    expect(keepNumbersTogether('2 June 2026, room 4 12')).toBe('2 June 2026, room 4\u00a012');
  });
});
