/**
 * The two widgets Decap lacks. `jiebang-id`: a record's id (or a page's address), typed
 * once when the entry is created — checked against the pattern and against the entries
 * that already exist — and shown read-only afterwards, because decisions and links name
 * records by it. `jiebang-readonly`: a field the pipeline sets (目录编号, 附件), shown to
 * editors as it is and never changed by the CMS.
 */
import { Component, type ChangeEvent } from 'react';
import type { Map as ImmutableMap } from 'immutable';

type Field = ImmutableMap<string, unknown>;

interface ControlProps {
  forID: string;
  value: unknown;
  field: Field;
  entry: ImmutableMap<string, unknown>;
  collection: Field;
  classNameWrapper: string;
  onChange(value: unknown): void;
  setActiveStyle(): void;
  setInactiveStyle(): void;
  loadEntry(collection: string, slug: string): Promise<unknown>;
}

const readonlyStyle = {
  padding: '12px 16px',
  background: '#f4f5f7',
  color: '#313d3e',
  minHeight: '1.5em',
  whiteSpace: 'pre-wrap' as const,
};

/** Text for a value the editor may look at but not change. */
export function describe(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (Array.isArray(value))
    return value.map((v) => (v && typeof v === 'object' && 'name' in v ? String(v.name) : describe(v))).join('\n');
  if (typeof value === 'object') return Object.values(value).map(describe).join(' ');
  return String(value);
}

const plain = (value: unknown): unknown =>
  value && typeof (value as { toJS?: unknown }).toJS === 'function' ? (value as { toJS(): unknown }).toJS() : value;

export class ReadonlyControl extends Component<ControlProps> {
  override render() {
    const text = describe(plain(this.props.value));
    return (
      <div id={this.props.forID} className={this.props.classNameWrapper} style={readonlyStyle} aria-readonly="true">
        {text || '（由系统填写）'}
      </div>
    );
  }
}

interface IdState {
  taken: string | undefined;
  checking: string | undefined;
}

export class IdControl extends Component<ControlProps, IdState> {
  override state: IdState = { taken: undefined, checking: undefined };
  private timer: ReturnType<typeof setTimeout> | undefined;

  private get isNew(): boolean {
    return this.props.entry.get('newRecord') === true;
  }

  /** A page's address lives in its file name, not in its data. */
  private get fromPath(): boolean {
    return this.props.field.get('from_path') === true;
  }

  /** The entry slug an id gives: `XM-2026-018/index` for folder bundles, the id itself otherwise. */
  private slugFor(id: string): string {
    const path = this.props.collection.get('path');
    return typeof path === 'string' ? path.replace('{{slug}}', id) : id;
  }

  private check(id: string) {
    clearTimeout(this.timer);
    if (!id) return;
    this.setState({ checking: id });
    this.timer = setTimeout(() => {
      const collection = String(this.props.collection.get('name'));
      // A missing file rejects (GitHub) or comes back without text (decap-server).
      const settle = (exists: boolean) =>
        this.setState((s) => (s.checking === id ? { taken: exists ? id : undefined, checking: undefined } : s));
      this.props.loadEntry(collection, this.slugFor(id)).then(
        (e) => settle(Boolean((e as { raw?: unknown } | undefined)?.raw)),
        () => settle(false),
      );
    }, 250);
  }

  override componentWillUnmount() {
    clearTimeout(this.timer);
  }

  /** Called by Decap before saving, after the field's own required/pattern checks (unbound, hence an arrow). */
  isValid = () => {
    const value = String(this.props.value ?? '');
    if (!this.isNew) return true;
    const label = String(this.props.field.get('label'));
    if (this.fromPath && !value) return { error: { message: `请填写“${label}”。` } };
    if (this.state.checking === value) return { error: { message: `正在检查“${label}”是否已被使用，请稍候再保存。` } };
    if (this.state.taken && this.state.taken === value)
      return { error: { message: `“${label}” ${value} 已被使用，请换一个。` } };
    return true;
  };

  private onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const value = e.target.value.trim();
    this.props.onChange(value);
    this.check(value);
  };

  override render() {
    const { forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
    if (!this.isNew) {
      const shown = this.fromPath ? String(this.props.entry.get('slug') ?? '') : describe(this.props.value);
      return (
        <div id={forID} className={classNameWrapper} style={readonlyStyle} aria-readonly="true">
          {shown}
        </div>
      );
    }
    const value = String(this.props.value ?? '');
    const taken = this.state.taken !== undefined && this.state.taken === value;
    return (
      <div>
        <input
          id={forID}
          className={classNameWrapper}
          type="text"
          value={value}
          onChange={this.onChange}
          onFocus={setActiveStyle}
          onBlur={setInactiveStyle}
          autoComplete="off"
          spellCheck={false}
        />
        {taken ? (
          <p role="alert" style={{ color: '#ff003b', margin: '4px 0 0' }}>
            {value} 已被使用，请换一个。
          </p>
        ) : null}
      </div>
    );
  }
}
