/**
 * The one shape every check in jiebang reports: schema keywords (from ajv) and the
 * programme's rules alike. `path` is a JSON Pointer into the record ("" for the record
 * itself); `message` is Chinese for submitters and `messageEn` its English translation.
 * Formatting for people (field titles instead of pointers) happens once, in validate/messages.ts.
 */
export interface Issue {
  path: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
  messageEn: string;
}

/** What a rule module returns for one value: no issues means the value passes. */
export type RuleResult = Array<Omit<Issue, 'path'> & { path?: string }>;
