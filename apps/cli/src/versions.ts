import tensorManifest from '@descent/tensor/package.json' with { type: 'json' };
import cliManifest from '../package.json' with { type: 'json' };

/** Versions for result records: the CLI, the Descent libraries (one fixed version group), Node and the platform. */
export function versions(): Record<string, string> {
  return {
    cli: cliManifest.version,
    descent: tensorManifest.version,
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
  };
}

export const CLI_VERSION: string = cliManifest.version;
