// Tunables of sign-in and sessions. Defaults follow the brief; a deployment may override any of them
// through buildServer({ access: {...} }).

export interface AccessConfig {
  /** Consecutive failed logins after which an account (or an unknown username) is locked. */
  maxFailedAttempts: number;
  /** How long a lockout lasts. */
  lockoutMinutes: number;
  /** Login attempts allowed per client IP within `ipWindowMinutes` (successful or not). */
  ipMaxAttempts: number;
  ipWindowMinutes: number;
  /** A session ends after this long without a request. */
  idleMinutes: number;
  /** A session ends this long after sign-in, whatever the activity. */
  absoluteHours: number;
  /** Secure cookie flag: 'auto' = when the request arrived over HTTPS (see trustProxy). */
  secureCookie: 'auto' | boolean;
  /** Clock (tests move it). */
  now: () => Date;
}

export const DEFAULT_ACCESS_CONFIG: AccessConfig = {
  maxFailedAttempts: 5,
  lockoutMinutes: 15,
  ipMaxAttempts: 30,
  ipWindowMinutes: 15,
  idleMinutes: 120,
  absoluteHours: 12,
  secureCookie: 'auto',
  now: () => new Date(),
};

export function accessConfig(overrides: Partial<AccessConfig> = {}): AccessConfig {
  return { ...DEFAULT_ACCESS_CONFIG, ...overrides };
}

export const SESSION_COOKIE = 'luoshi_sid';
export const CSRF_HEADER = 'x-csrf-token';
