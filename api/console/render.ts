/** Renders a Preact tree as a whole HTML page, or a fragment for htmx. */
import type { Response } from 'express';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

export function sendPage(res: Response, page: VNode, status = 200): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').send(`<!doctype html>${render(page)}`);
}

export function sendFragment(res: Response, fragment: VNode, status = 200): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').send(render(fragment));
}
