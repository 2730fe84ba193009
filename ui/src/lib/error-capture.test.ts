import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { describe as describeValue, installErrorCapture } from './error-capture';

describe('installErrorCapture', () => {
  const originalError = console.error;
  const inner = vi.fn();
  let errors: string[];

  beforeAll(() => {
    // Keep the real console quiet; the capture wraps whatever is there.
    console.error = inner;
    installErrorCapture(window);
  });

  beforeEach(() => {
    // A test harness may swap in a fresh array; recording follows it.
    window.__hangarErrors = [];
    errors = window.__hangarErrors;
  });

  afterAll(() => {
    console.error = originalError;
  });

  it('returns the live array on window', () => {
    expect(installErrorCapture(window)).toBe(window.__hangarErrors);
  });

  it('records console.error and still calls through', () => {
    const wrapped = console.error;
    console.error('bad thing', { code: 'x' });
    expect(errors).toEqual(['console.error: bad thing {"code":"x"}']);
    expect(inner).toHaveBeenCalledWith('bad thing', { code: 'x' });
    // Installing twice does not wrap twice.
    installErrorCapture(window);
    expect(console.error).toBe(wrapped);
  });

  it('records uncaught errors', () => {
    window.dispatchEvent(
      new ErrorEvent('error', { message: 'x is not defined', filename: 'app.js', lineno: 3, colno: 9 }),
    );
    expect(errors[errors.length - 1]).toBe('error: x is not defined (app.js:3:9)');
  });

  it('records unhandled rejections', () => {
    const event = new Event('unhandledrejection') as Event & { reason: unknown };
    event.reason = { code: 'internal', message: 'nope' };
    window.dispatchEvent(event);
    expect(errors[errors.length - 1]).toBe('unhandledrejection: {"code":"internal","message":"nope"}');
  });
});

describe('describe', () => {
  it('formats errors, strings and values', () => {
    expect(describeValue('plain')).toBe('plain');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(new Error('kaput'))).toMatch(/^Error: kaput/);
  });
});
