// The native CLI, for tests that check the WebAssembly package or the admin
// page against it.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './fixtures.mjs';

/** The path of the native binary `cargo test` builds; built here when missing. */
export function native() {
  const bin = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'matcher');
  if (!existsSync(bin)) {
    execFileSync('cargo', ['build', '--locked', '-p', 'matcher-cli'], { cwd: ROOT, stdio: 'inherit' });
  }
  return bin;
}
