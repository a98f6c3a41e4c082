/**
 * Filling an e-mail template: `{{name}}` takes a value, HTML-escaped in the HTML part and as is in
 * the subject and text part; a name the template uses but the data lacks is a bug (thrown), never
 * an empty hole in a sent e-mail. Rocket.Chat's settings use `[Name]` placeholders instead (their
 * HTML is the admin's own; only the values are escaped): fillBracketPlaceholders.
 */
export interface EmailTemplate {
  subject: string;
  html: string;
  text: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);

/** A subject is one header line: line breaks in a value become spaces. */
export const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');

function fill(template: string, data: Readonly<Record<string, string>>, encode: (value: string) => string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`the e-mail template uses {{${name}}}, which its data lacks`);
    return encode(value);
  });
}

export const renderEmail = (template: EmailTemplate, data: Readonly<Record<string, string>>): RenderedEmail => ({
  subject: oneLine(fill(template.subject, data, (value) => value)),
  html: fill(template.html, data, escapeHtml),
  text: fill(template.text, data, (value) => value),
});

/** A date as a reader sees it in an e-mail or a page: `Thu, 10 Dec 2026 10:15 UTC`. */
export const readableUtc = (iso: string) => new Date(iso).toUTCString().replace(/:\d\d GMT$/, ' UTC');

/** Rocket.Chat's `[Site_Name]`-style placeholders, each value encoded; unknown ones stay as written (as upstream). */
export const fillBracketPlaceholders = (template: string, data: Readonly<Record<string, string>>, encode: (value: string) => string) =>
  template.replace(/\[(\w+)\]/g, (match, name: string) => (data[name] === undefined ? match : encode(data[name])));

/** A plain-text part from HTML: links keep their address, blocks become lines, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<a\s[^>]*href\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, label: string) => {
      const text = label.replace(/<[^>]*>/g, '').trim();
      return text && text !== href ? `${text} (${href})` : href;
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|div|tr|li|table)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (entity) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' })[entity]!)
    .split('\n')
    .map((line) => line.trim())
    .filter((line, index, lines) => line !== '' || (index > 0 && lines[index - 1] !== ''))
    .join('\n')
    .trim();
}
