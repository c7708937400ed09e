/** Renders a Preact tree to an HTML document (escaping by default). */
import { renderToString } from 'preact-render-to-string';
import type { VNode } from 'preact';

export function html<P>(tree: VNode<P>): string {
  return '<!doctype html>' + renderToString(tree as VNode);
}
