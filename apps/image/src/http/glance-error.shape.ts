import type { ErrorBodyShape } from '@tinystack/http';

type Offer = 'text/html' | 'application/json';

/** The media ranges of an Accept header with their q values, in header order. */
function parseAccept(header: string): Array<{ range: string; q: number }> {
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      const value = q ? Number(q.slice(2)) : 1;
      return { range, q: Number.isFinite(value) ? value : 0 };
    });
}

function qualityOf(offer: Offer, ranges: Array<{ range: string; q: number }>): number {
  const [type] = offer.split('/');
  const match =
    ranges.find((r) => r.range === offer) ??
    ranges.find((r) => r.range === `${type}/*`) ??
    ranges.find((r) => r.range === '*/*');
  return match?.q ?? 0;
}

/**
 * webob's negotiation, which Glance's errors go through: HTML when there is no Accept
 * header or it accepts HTML as well as JSON (requests sends `*\/*`), JSON when it prefers
 * JSON, plain text when it names neither. An empty Accept (openstacksdk sends one on
 * uploads and patches) counts as none: webob would answer plain text, which the SDK
 * shows as the bare reason phrase, losing the message.
 */
export function negotiateErrorType(accept: string | string[] | undefined): Offer | 'text/plain' {
  const header = Array.isArray(accept) ? accept.join(',') : accept;
  if (header === undefined || header.trim() === '') {
    return 'text/html';
  }
  const ranges = parseAccept(header);
  const html = qualityOf('text/html', ranges);
  const json = qualityOf('application/json', ranges);
  if (html <= 0 && json <= 0) {
    return 'text/plain';
  }
  return json > html ? 'application/json' : 'text/html';
}

/** Python's html.escape(s, quote=True), which webob applies to HTML error bodies. */
function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

/**
 * Glance's error bodies, which are webob's: an HTML page, `{"message", "code", "title"}` JSON
 * or plain text, each carrying "<status> <title>" and the explanation. glanceclient and
 * openstacksdk read all three (they strip the HTML tags, or take `message`).
 */
export const glanceErrorShape: ErrorBodyShape = (info, req) => {
  const status = `${info.status} ${info.title}`;
  switch (negotiateErrorType(req?.headers['accept'])) {
    case 'application/json':
      return {
        contentType: 'application/json',
        body: { message: `${info.message}<br /><br />\n\n\n`, code: status, title: info.title },
      };
    case 'text/plain':
      return { contentType: 'text/plain; charset=UTF-8', body: `${status}\n\n${info.message}\n\n   ` };
    case 'text/html':
      return {
        contentType: 'text/html; charset=UTF-8',
        body:
          `<html>\n <head>\n  <title>${status}</title>\n </head>\n <body>\n  <h1>${status}</h1>\n` +
          `  ${escapeHtml(info.message)}<br /><br />\n\n\n\n </body>\n</html>`,
      };
  }
};
