import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import { UsageMeter, usageLevel } from './usage-meter.tsx';

test('a meter with a limit says how much is used, in words for screen readers', () => {
  const html = renderToStaticMarkup(<UsageMeter label="Instances" used={3} limit={10} />);
  assert.match(html, /role="img"/);
  assert.match(html, /aria-label="Instances: 3 of 10 \(30 %\)"/);
  assert.match(html, /<rect x="0" y="0" width="30"/);
  assert.match(html, /fill="var\(--accent\)"/);
});

test('a meter without a limit shows the use alone, with no bar', () => {
  const html = renderToStaticMarkup(<UsageMeter label="Objects" used={1234} />);
  assert.match(html, /aria-label="Objects: 1,234 used, no limit"/);
  assert.equal(html.match(/<rect/g)?.length, 1, 'only the track is drawn');
});

test('the colour warns at 75 % and alarms at 90 %; formatters apply to both numbers', () => {
  assert.equal(usageLevel(74, 100), 'ok');
  assert.equal(usageLevel(75, 100), 'warn');
  assert.equal(usageLevel(90, 100), 'full');
  assert.equal(usageLevel(1, 0), 'full');
  assert.equal(usageLevel(5, -1), 'unlimited');
  const html = renderToStaticMarkup(
    <UsageMeter label="RAM" used={95} limit={100} format={(n) => `${n} MiB`} />,
  );
  assert.match(html, /95 MiB of 100 MiB/);
  assert.match(html, /fill="var\(--danger\)"/);
});
