// The parameter form's model: values in command-line form, what the user changed, and which
// errors belong to which field.
import type { ParamDecl, ValidationError } from '../../lib/bindings';

export const ENVIRONMENT = 'environment';

/** A parameter's default given the current environment (its `env_defaults` entry wins). */
export function effectiveDefault(decl: ParamDecl, environment: string | undefined): string {
  return (environment !== undefined ? decl.envDefaults[environment] : undefined) ?? decl.default;
}

/** What each field shows: the user's value where they set one, else the effective default. */
export function formValues(decls: ParamDecl[], overrides: Record<string, string>): Record<string, string> {
  const envDecl = decls.find((d) => d.name === ENVIRONMENT);
  const environment = overrides[ENVIRONMENT] ?? envDecl?.default;
  return Object.fromEntries(decls.map((d) => [d.name, overrides[d.name] ?? effectiveDefault(d, environment)]));
}

/** Errors about one parameter (`set.<name>`), by parameter; the rest stay in a list. */
export function splitErrors(
  errors: ValidationError[],
  decls: ParamDecl[],
): { byField: Record<string, string[]>; other: ValidationError[] } {
  const names = new Set(decls.map((d) => d.name));
  const byField: Record<string, string[]> = {};
  const other: ValidationError[] = [];
  for (const error of errors) {
    const name = error.path.startsWith('set.') ? error.path.slice(4) : null;
    if (name && names.has(name)) byField[name] = [...(byField[name] ?? []), error.message];
    else other.push(error);
  }
  return { byField, other };
}

/** The environments to compare costs across (`dev`/`prod`), when the blueprint has that parameter. */
export function environmentsOf(decls: ParamDecl[]): string[] {
  const decl = decls.find((d) => d.name === ENVIRONMENT);
  if (!decl) return [];
  return decl.allowed.length > 0 ? decl.allowed : [decl.default];
}

/** Rewrites the `name = "..."` line of the `[blueprint]` section. */
export function renameSource(source: string, name: string): string {
  return source.replace(/(\[blueprint\][^[]*?\n\s*name\s*=\s*)"[^"\n]*"/, `$1"${name}"`);
}

/** `web-and-postgres-copy`, then `-copy-2`... until unused. */
export function copyName(base: string, taken: string[]): string {
  let name = `${base}-copy`;
  for (let i = 2; taken.includes(name); i += 1) name = `${base}-copy-${i}`;
  return name;
}
