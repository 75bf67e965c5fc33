import assert from 'node:assert/strict';
import { test } from 'node:test';
import { glanceErrorShape, negotiateErrorType } from './glance-error.shape.js';

const info = { status: 404, title: 'Not Found', message: 'No image found with ID x', kind: 'not_found' as const, headers: {} };

test('the body type is negotiated as webob does', () => {
  assert.equal(negotiateErrorType(undefined), 'text/html');
  assert.equal(negotiateErrorType('*/*'), 'text/html');
  assert.equal(negotiateErrorType('application/json'), 'application/json');
  assert.equal(negotiateErrorType('application/json, text/html;q=0.5'), 'application/json');
  assert.equal(negotiateErrorType('text/html, application/json'), 'text/html');
  assert.equal(negotiateErrorType(''), 'text/html');
  assert.equal(negotiateErrorType('text/plain'), 'text/plain');
});

test('HTML, JSON and plain bodies carry the status and the message', () => {
  const html = glanceErrorShape(info, { headers: { accept: '*/*' } });
  assert.match(String(html.body), /<h1>404 Not Found<\/h1>\n {2}No image found with ID x<br \/>/);
  assert.match(html.contentType ?? '', /^text\/html/);
  const json = glanceErrorShape(info, { headers: { accept: 'application/json' } });
  assert.deepEqual(json.body, { message: 'No image found with ID x<br /><br />\n\n\n', code: '404 Not Found', title: 'Not Found' });
  const plain = glanceErrorShape(info, { headers: { accept: 'text/plain' } });
  assert.match(String(plain.body), /^404 Not Found\n\nNo image found with ID x/);
});

test('messages are escaped in HTML', () => {
  const html = glanceErrorShape({ ...info, message: 'bad <script>' }, { headers: {} });
  assert.match(String(html.body), /bad &lt;script&gt;/);
});
