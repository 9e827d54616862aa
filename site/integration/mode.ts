/**
 * Whether Astro is building (rather than serving in dev): the demand route renders only the
 * shell in a build. Set by the integration from the command Astro runs, because
 * import.meta.env.DEV follows NODE_ENV, which a test runner may set to anything.
 */
const KEY = Symbol.for('jiebang.building');
type WithFlag = typeof globalThis & { [KEY]?: boolean };

export function setBuilding(value: boolean): void {
  (globalThis as WithFlag)[KEY] = value;
}

export function isBuilding(): boolean {
  return (globalThis as WithFlag)[KEY] === true;
}
