// The MFA code a running job waits for: Rust announces a request (`mfa-requested`: which
// profile, which device, why) and says when it is over (`mfa-closed`: answered, cancelled or
// timed out); the window answers with `answer_mfa_prompt`. The code is sent once and not kept.
import type { MfaClosed, MfaRequest } from './bindings';
import type { Call } from './call';

export type { MfaClosed, MfaRequest };

export const MFA_REQUESTED = 'mfa-requested';
export const MFA_CLOSED = 'mfa-closed';

export interface MfaApi {
  /** Sends the code for request `requestId`, or cancels it (`null`): the job then stops. */
  answerMfaPrompt(requestId: number, code: string | null): Promise<void>;
  /** Calls `onAsk` for each new request and `onClosed` when one is over; returns the unsubscribe. */
  onMfaPrompt(onAsk: (request: MfaRequest) => void, onClosed: (closed: MfaClosed) => void): Promise<() => void>;
}

export function mfaCommands(call: Call): MfaApi {
  return {
    answerMfaPrompt: (requestId, code) => call('answer_mfa_prompt', { requestId, code }),
    onMfaPrompt: async (onAsk, onClosed) => {
      // Outside Tauri (unit tests, a plain browser) no job ever asks.
      if (!('__TAURI_INTERNALS__' in window)) return () => {};
      const { listen } = await import('@tauri-apps/api/event');
      const stops = await Promise.all([
        listen<MfaRequest>(MFA_REQUESTED, (e) => onAsk(e.payload)),
        listen<MfaClosed>(MFA_CLOSED, (e) => onClosed(e.payload)),
      ]);
      return () => stops.forEach((stop) => stop());
    },
  };
}
