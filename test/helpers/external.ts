// Integration tests that need a Debian package (dump1090-mutability, socat, rtl-sdr, chromium)
// skip with a clear message when it is absent outside CI; in CI (.ci/run installs them) they fail.
import { execFileSync } from 'node:child_process';
import { describe, it } from 'vitest';

export function hasProgram(program: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function describeWithPrograms(name: string, programs: string[], debianPackage: string, body: () => void): void {
  const missing = programs.filter((p) => !hasProgram(p));
  if (missing.length === 0) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it(`has ${missing.join(', ')} installed (Debian package ${debianPackage})`, () => {
        throw new Error(`${missing.join(', ')} not found; .ci/run installs ${debianPackage}`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: ${missing.join(', ')} not installed; apt-get install ${debianPackage})`, body);
  }
}
