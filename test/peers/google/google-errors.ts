import type { Response } from 'express';

/**
 * The error bodies the fakes send. The Admin SDK keeps the older shape with
 * `error.errors[].reason` (https://developers.google.com/workspace/admin/directory/v1/limits);
 * Sheets v4 the newer one with `error.status` and `details[]`
 * (https://cloud.google.com/apis/design/errors#http_mapping).
 */
export function sendAdminError(
  res: Response,
  code: number,
  reason: string,
  message: string,
  domain = 'global',
): void {
  res.status(code).json({ error: { code, message, errors: [{ message, domain, reason }] } });
}

export function sendRpcError(
  res: Response,
  code: number,
  status: string,
  message: string,
  reason?: string,
): void {
  res.status(code).json({
    error: {
      code,
      message,
      status,
      ...(reason
        ? {
            details: [
              {
                '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                reason,
                domain: 'googleapis.com',
              },
            ],
          }
        : {}),
    },
  });
}

/**
 * A per-minute quota, counted per user as Google counts it (a sliding minute here; Google's
 * pages say "per minute per user per project"). Clock injected.
 */
export class FakeQuota {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number | undefined,
    private readonly now: () => number,
  ) {}

  /** Counts one request of `user`; false when it is over the quota. */
  take(user: string): boolean {
    if (this.perMinute === undefined) return true;
    const now = this.now();
    const recent = (this.sent.get(user) ?? []).filter((at) => at > now - 60_000);
    if (recent.length >= this.perMinute) {
      this.sent.set(user, recent);
      return false;
    }
    recent.push(now);
    this.sent.set(user, recent);
    return true;
  }

  clear(): void {
    this.sent.clear();
  }
}
