import { and } from './and';
import { eq } from './eq';
import { formatDate } from './format-date';
import { inc } from './inc';
import { lines } from './lines';
import { plural } from './plural';

export const helpers = { and, eq, formatDate, inc, lines, plural };
