/**
 * The Markdown widget, registered at start but loaded with the first entry that has a
 * Markdown field: its editor (Slate, the remark/rehype parsers) is the largest part of
 * Decap after React, and the collection list an editor sees first does not need it.
 * Decap keeps a ref to the control (isValid, focus); React.lazy passes it through to the
 * control once it has loaded.
 */
import { forwardRef, lazy, Suspense, type ComponentType } from 'react';
import schema from 'decap-cms-widget-markdown/dist/esm/schema';

const load = () => import('./markdown-editor.ts');
const LazyControl = lazy(() =>
  load().then((m) => ({ default: m.default.Widget().controlComponent as ComponentType<Record<string, unknown>> })),
);
const LazyPreview = lazy(() =>
  load().then((m) => ({ default: m.default.Widget().previewComponent as ComponentType<Record<string, unknown>> })),
);

const waiting = <p style={{ padding: '12px 16px', color: '#798291' }}>编辑器加载中… / Loading the editor…</p>;

const Control = forwardRef<unknown, Record<string, unknown>>((props, ref) => (
  <Suspense fallback={waiting}>
    <LazyControl {...props} ref={ref} />
  </Suspense>
));

function Preview(props: Record<string, unknown>) {
  return (
    <Suspense fallback={null}>
      <LazyPreview {...props} />
    </Suspense>
  );
}

export const markdownWidget = { name: 'markdown', controlComponent: Control, previewComponent: Preview, schema };
