// @ts-check
import { Converter, ReflectionKind } from 'typedoc';

/**
 * Names each entry-point module after its package (`@descent/tensor`) rather than its path (`tensor/src`): TypeDoc's
 * `resolve` strategy derives module names from paths, and its `packages` strategy converts each package separately
 * (about 4x slower here) without the cross-package validation.
 * @param {import('typedoc').Application} app
 */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const match = /^([a-z0-9-]+)\/src$/.exec(reflection.name);
    if (match !== null) reflection.name = `@descent/${match[1]}`;
  });
}
