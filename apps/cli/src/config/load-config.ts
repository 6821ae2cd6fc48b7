import { readFile } from 'node:fs/promises';
import { FileError, UsageError } from '../errors.js';

/**
 * Reads a `--config` file: YAML (`.yaml`, `.yml`) or JSON (`.json`; YAML otherwise, which JSON is a subset of). The
 * keys are the long option names in camelCase (`learningRate`, `batchSize`). A missing or unparsable file is a
 * file error naming it and, for a syntax error, the line.
 */
export async function loadConfigFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error);
    throw new FileError(`cannot read config file ${path}: ${why}`);
  }
  let value: unknown;
  if (/\.json$/i.test(path)) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new FileError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    // yaml is imported on first use: most runs have no config file, and it takes a while to load.
    const { parseDocument } = await import('yaml');
    const document = parseDocument(text, { prettyErrors: false });
    const [first] = document.errors;
    if (first !== undefined) {
      const line = first.linePos?.[0].line;
      throw new FileError(
        `config file ${path} is not valid YAML${line === undefined ? '' : ` (line ${line})`}: ${first.message.split('\n')[0]}`,
      );
    }
    value = document.toJS();
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`config file ${path} must hold a mapping of option names to values`);
  }
  return value as Record<string, unknown>;
}
