import { readText } from '../internal/read-file.js';
import type { Dataset } from '../types.js';
import { type CsvOptions, parseCsvText } from './parse-csv.js';

/**
 * Reads a CSV file into a dataset, as {@link parseCsv} does with its text (header, label column, delimiter, labels
 * as classes or numbers). Node only: the file is read through a dynamic `import('node:fs/promises')`, so importing
 * the package stays browser-safe; in a browser, fetch the text and call `parseCsv`. Errors name the file and line.
 * @example
 * const iris = await loadCsv('iris.csv', { labelColumn: 'species' });
 * iris.x.shape; // [150, 4]
 */
export async function loadCsv(path: string, options: CsvOptions = {}): Promise<Dataset> {
  const text = await readText('loadCsv', path);
  return parseCsvText('loadCsv', text, options, path);
}
