// Access to the real gazette in ../shared/seeds. In CI (LUOSHI_REQUIRE_SEED=1) a missing seed fails the
// run; elsewhere the seed tests are skipped, loudly.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SEED_PATH = resolve(here, '../../shared/seeds/xiangyuan-gazette-2023-03.txt');

export function seedAvailable(): boolean {
  if (existsSync(SEED_PATH)) return true;
  if (process.env.LUOSHI_REQUIRE_SEED === '1') {
    throw new Error(`LUOSHI_REQUIRE_SEED=1 但找不到真实公报 ${SEED_PATH}`);
  }
  console.warn(`\n!!! 未找到真实公报 ${SEED_PATH}：依赖它的测试已跳过（CI 中设置 LUOSHI_REQUIRE_SEED=1 时会失败）。\n`);
  return false;
}

export function seedText(): string {
  return readFileSync(SEED_PATH, 'utf8');
}
