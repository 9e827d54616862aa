/**
 * The previews, registered at start but loaded with the first entry an editor opens: they
 * bring the site's renderers and markdown-it, which the collection list does not need.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import type { CMS as DecapCms, PreviewTemplateComponentProps } from 'decap-cms-core';
import siteCss from '../styles/site.css';

const load = () => import('./previews.tsx');
const DemandPreview = lazy(() => load().then((m) => ({ default: m.DemandPreview })));
const PagePreview = lazy(() => load().then((m) => ({ default: m.PagePreview })));

function later(Preview: ComponentType<PreviewTemplateComponentProps>): ComponentType<PreviewTemplateComponentProps> {
  return (props) => (
    <Suspense fallback={<p className="muted">预览加载中…</p>}>
      <Preview {...props} />
    </Suspense>
  );
}

export function registerPreviews(cms: DecapCms) {
  cms.registerPreviewStyle(siteCss, { raw: true });
  cms.registerPreviewTemplate('demands', later(DemandPreview));
  cms.registerPreviewTemplate('pages', later(PagePreview));
  cms.registerPreviewTemplate('pages_en', later(PagePreview));
}
