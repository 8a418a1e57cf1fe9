import { keepNumbersTogether } from '../../server/views/helpers/keep-numbers-together';

describe('keepNumbersTogether', () => {
  it('joins the groups of a phone number with non-breaking spaces', () => {
    expect(keepNumbersTogether('020 3357 1001')).toBe('020\u00a03357\u00a01001');
  });

  it('keeps a number with the word after it, and leaves other spaces alone', () => {
    expect(keepNumbersTogether('within 4 hours of the call')).toBe('within 4\u00a0hours of the call');
  });
});
