import { execFileSync } from 'node:child_process';

/**
 * Finds a program a test needs. Where it is missing the test is skipped with a message saying
 * how to install it — except in CI (`CI` set), where a missing service is a failure.
 */
export function requiredBinary(name: string, debianPackage: string): { path: string } | { skip: string } {
  try {
    const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    if (path) return { path };
  } catch {
    // not found
  }
  const message = `${name} is not installed: apt-get install ${debianPackage}`;
  if (process.env.CI) throw new Error(`${message} (CI needs it: .ci/run installs it)`);
  return { skip: message };
}
