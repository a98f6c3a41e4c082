/**
 * `{{name}}` placeholders of demo values, as the route table's examples and the sample events hold
 * them. No service module is imported here (tools set the environment first, then load handlers).
 */
export type Placeholders = Record<string, string>;

/** Replaces `{{name}}` in every string of a JSON value, and a whole `"{{#name}}"` string by the value as a number. */
export function fill<T>(value: T, placeholders: Placeholders): T {
  const json = JSON.stringify(value)
    // Also inside a JSON string holding JSON (an event's body), where the quotes are escaped.
    .replace(/\\?"\{\{#(\w+)\}\}\\?"/g, (whole, name: string) =>
      placeholders[name] === undefined ? whole : String(Number(placeholders[name])),
    )
    .replace(/\{\{(\w+)\}\}/g, (whole, name: string) => placeholders[name] ?? whole);
  return JSON.parse(json) as T;
}
