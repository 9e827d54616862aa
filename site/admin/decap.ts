/**
 * Decap CMS as this project uses it: the core with the two backends the config names
 * (github, and the proxy that `local_backend` talks to decap-server through) and the widgets
 * the generated config uses, Decap's and our two (app.tsx adds the one locale the interface
 * speaks). `decap-cms-app` registers every widget, backend and 37 locales (a map widget with
 * OpenLayers, a code editor, a rich-text editor, GitLab, Azure …): most of a 6 MB script
 * nobody here runs.
 */
import { DecapCmsCore as CMS } from 'decap-cms-core';
import { GitHubBackend } from 'decap-cms-backend-github';
import { ProxyBackend } from 'decap-cms-backend-proxy';
import BooleanWidget from 'decap-cms-widget-boolean';
import DatetimeWidget from 'decap-cms-widget-datetime';
import ImageWidget from 'decap-cms-widget-image';
import ListWidget from 'decap-cms-widget-list';
import NumberWidget from 'decap-cms-widget-number';
import ObjectWidget from 'decap-cms-widget-object';
import RelationWidget from 'decap-cms-widget-relation';
import SelectWidget from 'decap-cms-widget-select';
import StringWidget from 'decap-cms-widget-string';
import TextWidget from 'decap-cms-widget-text';
import { ID_WIDGET, READONLY_WIDGET } from '../../pipeline/face/core.ts';
import { markdownWidget } from './lazy-markdown.tsx';
import { IdControl, ReadonlyControl } from './widgets.tsx';

CMS.registerBackend('github', GitHubBackend as never);
CMS.registerBackend('proxy', ProxyBackend as never);
CMS.registerWidget([
  ...[
    StringWidget,
    NumberWidget,
    TextWidget,
    ImageWidget,
    SelectWidget,
    ListWidget,
    ObjectWidget,
    RelationWidget,
    BooleanWidget,
    DatetimeWidget,
  ].map((w) => w.Widget()),
  markdownWidget,
] as never);
CMS.registerWidget(ID_WIDGET, IdControl as never);
CMS.registerWidget(READONLY_WIDGET, ReadonlyControl as never);

export default CMS;
