import { api } from '../test/mockedClient';
import React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import actionsFixture from '../__fixtures__/actions.json';
import executionFixture from '../__fixtures__/execution.json';
import { ActionCatalog, ActionExecution } from '../api/types';
import { asRole, failure, never, renderAt } from '../test/helpers';
import { ActionsPage, formatDuration } from './ActionsPage';

const catalog = actionsFixture as unknown as ActionCatalog;

/** The fixture's cooldown, moved to end 90 s from now so the countdown is live. */
function withCooldown(): ActionCatalog {
  const actions = catalog.actions.map((a) =>
    a.action === 'restart_service' ? { ...a, cooling_down: [{ target: 'viking-sky/pms-db', available_at: new Date(Date.now() + 90_000).toISOString() }] } : { ...a, cooling_down: [] }
  );
  return { ...catalog, actions };
}

describe('ActionsPage', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    asRole('Editor');
  });

  test('shows each action with its risk, approvals and a live cooldown countdown', async () => {
    api.listActions.mockResolvedValue(withCooldown());

    renderAt(<ActionsPage />);

    const restart = await screen.findByTestId('action-restart_service');
    expect(restart).toHaveTextContent('risk low');
    expect(restart).toHaveTextContent('runs without approval');
    expect(restart).toHaveTextContent(/viking-sky\/pms-db: available in 1m (2\d|30)s/);
    expect(screen.getByTestId('action-failover_path')).toHaveTextContent('needs 2 approvals (two different engineers)');
    expect(screen.getAllByTestId(/^action-/)).toHaveLength(catalog.actions.length);
  });

  test('executes with typed parameters and shows the outcome', async () => {
    api.listActions.mockResolvedValue(withCooldown());
    api.execute.mockResolvedValue(executionFixture as unknown as ActionExecution);
    renderAt(<ActionsPage />);

    fireEvent.click(within(await screen.findByTestId('action-clear_cache')).getByRole('button', { name: 'Execute…' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('button', { name: 'Execute' })).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Ship'), { target: { value: 'viking-sky' } });
    fireEvent.change(within(dialog).getByLabelText('Service'), { target: { value: 'pms-db' } });
    fireEvent.click(within(dialog).getByLabelText(/Dry run/));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Execute' }));

    await waitFor(() =>
      expect(api.execute).toHaveBeenCalledWith('clear_cache', { ship_id: 'viking-sky', service: 'pms-db', dry_run: true, incident_id: undefined, reason: undefined })
    );
    expect(await within(dialog).findByText(`Execution ${executionFixture.execution_id}`)).toBeInTheDocument();
  });

  test('a ship name with shell characters is refused before it is sent', async () => {
    api.listActions.mockResolvedValue(withCooldown());
    renderAt(<ActionsPage />);

    fireEvent.click(within(await screen.findByTestId('action-clear_cache')).getByRole('button', { name: 'Execute…' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Ship'), { target: { value: 'a;rm' } });
    fireEvent.change(within(dialog).getByLabelText('Service'), { target: { value: 'pms-db' } });

    expect(within(dialog).getByRole('button', { name: 'Execute' })).toBeDisabled();
  });

  test('a cooldown refusal from the API is shown', async () => {
    api.listActions.mockResolvedValue(withCooldown());
    api.execute.mockRejectedValue(failure('restart_service on viking-sky/pms-db is cooling down until 2026-11-24T21:47:25Z.', 429));
    renderAt(<ActionsPage />);

    fireEvent.click(within(await screen.findByTestId('action-restart_service')).getByRole('button', { name: 'Execute…' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Ship'), { target: { value: 'viking-sky' } });
    fireEvent.change(within(dialog).getByLabelText('Service'), { target: { value: 'pms-db' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Execute' }));

    expect(await within(dialog).findByTestId('state-error')).toHaveTextContent('is cooling down until');
  });

  test('a viewer sees the actions but cannot execute', async () => {
    asRole('Viewer');
    api.listActions.mockResolvedValue(withCooldown());

    renderAt(<ActionsPage />);

    await screen.findByTestId('action-restart_service');
    expect(screen.queryByRole('button', { name: 'Execute…' })).not.toBeInTheDocument();
  });

  test('loading, empty and error states', async () => {
    api.listActions.mockReturnValueOnce(never());
    const first = renderAt(<ActionsPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    first.unmount();

    api.listActions.mockResolvedValueOnce({ ...catalog, actions: [] });
    const second = renderAt(<ActionsPage />);
    expect(await screen.findByTestId('state-empty')).toBeInTheDocument();
    second.unmount();

    api.listActions.mockRejectedValue(failure('Authentication required'));
    renderAt(<ActionsPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent('Authentication required');
  });

  test('durations read as an operator would say them', () => {
    expect([formatDuration(0), formatDuration(59_001), formatDuration(90_000), formatDuration(3_660_000)]).toEqual(['0s', '1m 0s', '1m 30s', '1h 1m']);
  });
});
