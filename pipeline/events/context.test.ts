import { describe, expect, it } from 'vitest';
import { EventFileError, runnerEnv } from './context.ts';

const env = {
  GITHUB_EVENT_NAME: 'issues',
  GITHUB_EVENT_PATH: '/tmp/event.json',
  GITHUB_REPOSITORY: 'xm-gxj/jiebang',
  GITHUB_TOKEN: 't',
};

describe('runnerEnv: the runner environment, read once and checked', () => {
  it('reads the event, the repository, the token and the API', () => {
    expect(runnerEnv(env)).toEqual({
      name: 'issues',
      eventPath: '/tmp/event.json',
      owner: 'xm-gxj',
      repo: 'jiebang',
      token: 't',
      apiUrl: 'https://api.github.com',
    });
    expect(
      runnerEnv({ ...env, GITHUB_TOKEN: undefined, INPUT_TOKEN: 'i', GITHUB_SERVER_URL: 'https://ghe.example' }),
    ).toMatchObject({ token: 'i', webUrl: 'https://ghe.example' });
    expect(runnerEnv({ ...env, GITHUB_EVENT_NAME: 'workflow_run' }, ['workflow_run']).name).toBe('workflow_run');
  });

  it.each([
    ['an event the caller does not take', { GITHUB_EVENT_NAME: 'push' }, /unsupported event "push"/],
    ['no event file', { GITHUB_EVENT_PATH: undefined }, /GITHUB_EVENT_PATH/],
    ['a repository that is not owner/name', { GITHUB_REPOSITORY: 'a/b/c' }, /owner\/name/],
    ['no token', { GITHUB_TOKEN: undefined }, /no token/],
  ])('refuses %s', (_, over, message) => {
    expect(() => runnerEnv({ ...env, ...over })).toThrow(EventFileError);
    expect(() => runnerEnv({ ...env, ...over })).toThrow(message);
  });
});
