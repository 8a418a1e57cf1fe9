import { and } from './and';
import { concat } from './concat';
import { dateInput } from './date-input';
import { eq } from './eq';
import { formatDate } from './format-date';
import { inc } from './inc';
import { keepNumbersTogether } from './keep-numbers-together';
import { lines } from './lines';
import { or } from './or';
import { plural } from './plural';
import { recordedLevelClass } from './recorded-level-class';
import { travelKey } from './travel-key';

export const helpers = { and, concat, dateInput, eq, formatDate, inc, keepNumbersTogether, lines, or, plural, recordedLevelClass, travelKey };
