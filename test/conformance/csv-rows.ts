// Rows of the shared upstream CSV samples: no header, comma-separated, optional double quotes,
// and (pyModeS's Comm-B samples) a UTF-8 byte-order mark that must not stick to the first value.
import { readShared } from '../helpers/shared.ts';

export function readCsvRows(relative: string): string[][] {
  let text = readShared(relative).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1')));
}
