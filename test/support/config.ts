import { loadConfig, type Config } from '../../platform/config';

/** The configuration of a test: the shared servers from globalSetup, plus per-suite overrides. */
export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig({ ...process.env, LOG_LEVEL: 'silent', ...overrides });
}

export const uniqueQueue = (name: string): string => `${name}-${process.pid}-${Date.now()}`;
