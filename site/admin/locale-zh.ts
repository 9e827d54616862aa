/**
 * Phrases Decap's zh_Hans locale lacks (it falls back to English for them: aria labels such
 * as "Close", "Expand", "List view option", the notes pane, list and image buttons), and the
 * screen-reader text of the list widget's drag and drop (@dnd-kit's defaults, replaced at
 * bundle time: build.ts). Where a phrase is read aloud or shown as a tooltip it carries the
 * English after the Chinese, as the rest of the interface's own notes do.
 */
export const ZH_ADDITIONS = {
  auth: { loginWithForgejo: '使用 Forgejo 登录' },
  collection: {
    collectionTop: { viewAsList: '列表视图 / List view', viewAsGrid: '网格视图 / Grid view' },
    entries: { unpublishedHeader: '未发布的条目' },
  },
  editor: {
    editorControl: { field: { widgetLabel: '%{widgetLabel}字段' } },
    editorControlPane: {
      widget: {
        rangeMin: '“%{fieldLabel}”至少要有 %{minCount} 项。',
        rangeMax: '“%{fieldLabel}”最多 %{maxCount} 项。',
      },
    },
    editorInterface: { toggleNotes: '显示/隐藏备注' },
    editorNotesPane: {
      title: '备注',
      emptyState: '还没有备注。在下方添加第一条，与同事协作。',
      addNote: '添加备注',
      addPlaceholder: '添加备注……',
      editPlaceholder: '修改备注……',
      save: '保存',
      cancel: '取消',
      edit: '修改',
      delete: '删除',
      resolve: '标为已解决',
      unresolve: '重新打开',
      confirmDelete: '确定要删除这条备注吗？',
      shortcut: '提示：按 Ctrl+Enter 快速添加备注',
    },
    editorToolbar: {
      statusInfoTooltipDraft: '条目状态为“草稿”。完成后把状态改为“待审核”提交审核。',
      statusInfoTooltipInReview: '条目正在审核，无需其他操作；审核期间仍可继续修改。',
    },
    editorWidgets: {
      markdown: { strikethrough: '删除线', toggleMode: { rich: '切换到富文本模式', markdown: '切换到 Markdown 模式' } },
      image: { chooseMultiple: '选择图片', addMore: '添加更多图片', removeAll: '移除全部图片' },
      file: { chooseMultiple: '选择文件', addMore: '添加更多文件', removeAll: '移除全部文件' },
      datetime: { setToNow: '把“%{fieldLabel}”设为现在' },
      list: { addType: '添加%{item}' },
      object: { expand: '展开 / Expand', collapse: '收起 / Collapse' },
    },
  },
  mediaLibrary: { mediaLibraryModal: { close: '关闭 / Close' } },
  ui: {
    settingsDropdown: { account: '账户选项 / Account options' },
    toast: {
      noteAdded: '已添加备注',
      onFailToAddNote: '添加备注失败：%{details}',
      noteUpdated: '已更新备注',
      onFailToUpdateNote: '更新备注失败：%{details}',
      noteDeleted: '已删除备注',
      onFailToDeleteNote: '删除备注失败：%{details}',
      noteResolved: '备注已解决',
      noteReopened: '备注已重新打开',
      onFailToToggleNote: '更改备注状态失败：%{details}',
    },
  },
};

type Phrases = { [key: string]: string | Phrases };

/** `base` with `extra`'s phrases added where it has none (nested objects merged, its own phrases kept). */
export function withPhrases<T extends Phrases>(base: T, extra: Phrases): T {
  const out: Phrases = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const have = out[k];
    if (typeof v === 'string') {
      if (have === undefined) out[k] = v;
    } else out[k] = withPhrases(typeof have === 'object' ? have : {}, v);
  }
  return out as T;
}

/** @dnd-kit's screen-reader text for the list widget's drag and drop (its defaults are English only). */
export const DRAG_INSTRUCTIONS =
  '按空格键拿起本项，用方向键移动，再按空格键放下，按 Esc 取消。 / To pick up an item press space, move it with the arrow keys, press space again to drop it or escape to cancel.';
