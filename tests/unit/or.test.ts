import { or } from '../../server/views/helpers/or';

const handlebarsOptions = {};

describe('or', () => {
  it('gives the first value that is not empty', () => {
    expect(or('', undefined, 'Not yet approved', handlebarsOptions)).toBe('Not yet approved');
    expect(or('2 June 2026', 'Not yet approved', handlebarsOptions)).toBe('2 June 2026');
  });

  it('never hands back the options Handlebars passes last', () => {
    expect(or('', handlebarsOptions)).toBe('');
  });
});
