import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { apiContext } from '../lib/context';
import { fakeApi } from '../test/fake-api';
import Blueprints from './Blueprints.svelte';
import Environments from './Environments.svelte';
import History from './History.svelte';

describe('empty states', () => {
  it('Environments says to pick a blueprint, and its button goes there', async () => {
    const onnavigate = vi.fn();
    render(Environments, { props: { onnavigate }, context: apiContext(fakeApi()) });
    expect((await screen.findByTestId('empty-state')).textContent).toContain(
      'No environments yet — pick a blueprint to create one',
    );
    await fireEvent.click(screen.getByRole('button', { name: /browse blueprints/i }));
    expect(onnavigate).toHaveBeenCalledWith({ screen: 'blueprints' });
  });

  it('History explains it fills as jobs run and points to environments', async () => {
    const onnavigate = vi.fn();
    render(History, { props: { onnavigate }, context: apiContext(fakeApi()) });
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toMatch(/^No history yet/);
    await fireEvent.click(screen.getByRole('button', { name: 'Go to environments' }));
    expect(onnavigate).toHaveBeenCalledWith({ screen: 'environments' });
  });

  it('every screen has a single page title', () => {
    for (const Screen of [Environments, Blueprints, History]) {
      const { unmount } = render(Screen, { props: { onnavigate: vi.fn() }, context: apiContext(fakeApi()) });
      expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
      unmount();
    }
  });
});
