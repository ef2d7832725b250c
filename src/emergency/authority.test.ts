// §5.2 / §5.4.2: who may start, adjust and terminate each response level — every level × act × post.
import { describe, expect, it } from 'vitest';
import { seedAvailable, seedText } from '../../test/seed.ts';
import { AppError } from '../platform/errors.ts';
import { checkAuthority } from './authority.ts';
import type { CommandPost } from './command/structure.ts';

const may = (level: '一级' | '二级' | '三级' | null, act: 'start' | 'terminate', posts: CommandPost[]) => {
  try {
    checkAuthority(level, act, posts);
    return true;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('FORBIDDEN');
    return false;
  }
};

describe('checkAuthority', () => {
  const posts: CommandPost[] = ['commander', 'deputy-commander', 'office-director', 'member'];
  const cases = (['一级', '二级', '三级', null] as const).flatMap((level) =>
    (['start', 'terminate'] as const).flatMap((act) => posts.map((post) => [level, act, post] as const)),
  );
  it.each(cases)('%s %s by %s', (level, act, post) => {
    const expected = post === 'commander' || (post === 'office-director' && (level === '三级' || level === null));
    expect(may(level, act, [post])).toBe(expected);
  });
  it('names the clause and the post', () => {
    expect(() => checkAuthority('二级', 'start', ['office-director'])).toThrow(/须由县指挥长进行（§5\.2\.2）/);
    expect(() => checkAuthority('三级', 'start', [])).toThrow(/县指挥部办公室主任或指挥长.*§5\.2\.1/);
    expect(() => checkAuthority('一级', 'terminate', ['deputy-commander'])).toThrow(
      /§5\.4\.2 启动响应的组织；§5\.2\.3/,
    );
  });
});

describe.skipIf(!seedAvailable())('§5.2 in the gazette', () => {
  it('says who starts each level', () => {
    const t = seedText();
    expect(t).toContain('由县指挥部办公室主任决定启动三级响应');
    expect(t).toContain('建议县指挥长启动二级响应，县指');
    expect(t).toContain('建议县指挥长启动一级响应，县指挥长签发启动');
    expect(t).toContain('启动响应的组织发布终止响应');
  });
});
